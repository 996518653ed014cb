"""Builder for the ProQual Level 3 Diploma (601/3577/3) and the City & Guilds pack printing the same 45 units."""

# The two documents are built together because ProQual's two garbled units are repaired from the City & Guilds
# text, and the conflicts between them (credit values, the Bespoke software unit) are flagged in both files.

from __future__ import annotations

from pathlib import Path

from . import cityguilds_build, cityguilds_units, proqual_build
from .common import find_source


def build(seeds: Path) -> list[tuple[str, dict]]:
    pack = cityguilds_units.parse_pack(find_source(seeds, cityguilds_units.SIGNATURE))
    citation = cityguilds_build.cited_as()
    proqual = proqual_build.build_proqual(seeds, pack, citation)
    bank = cityguilds_build.build_bank(seeds, pack, proqual)
    return [(f"{proqual_build.NAME}.json", proqual), (f"{cityguilds_build.NAME}.json", bank)]
