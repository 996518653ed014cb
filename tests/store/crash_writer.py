"""Writer for the crash test: forks one writer process per round, each writing until it is killed.

Run as `python -m tests.store.crash_writer DATA_DIR REGISTRATION_ID`. The process imports everything
and loads the catalogue once (the "zygote"), then for each line "go SEED" on stdin forks a writer and
prints "P <pid>". The writer opens the records, prints "R" when ready, and loops over random writes,
printing "C <kind> <id>" only after the write's commit has returned. The zygote reaps the writer and
prints "X <pid> <signal>". Lines are written with os.write, so each is whole.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.session import Session
from assessor_app.store.database import open_store

IMI = "601/3456/2"


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def write_forever(data_dir: Path, registration_id: str, catalogue, seed: int) -> None:
    rng = random.Random(seed)
    session = Session(open_store(data_dir / "assessor.sqlite3"), catalogue, f"crash-{os.getpid()}",
                      attachments_dir=data_dir / "attachments")
    registration = session.roster.registration(registration_id)
    units = [catalogue.get(IMI).unit(urn) for urn in registration.chosen_units]
    made_links: list[str] = []
    made_items: list[str] = []
    say("R")
    for n in range(100000):
        unit = rng.choice(units)
        number = rng.choice(unit.criteria).number
        choice = rng.random()
        if choice < 0.45:  # a tick under a new ref: observation + draft comment + link, one transaction
            tick, _ = session.mapping.tick(registration_id, unit.urn, number, "2026-03-02", f"K{os.getpid()}-{n}")
            made_links.append(tick.id)
            made_items.append(tick.evidence_id)
            say(f"C link {tick.id}")
        elif choice < 0.65:  # an evidence item with an attachment: file first, then the record
            item, _ = session.evidence.add(registration.learner_id, "product", "2026-03-03", title=f"product {n}")
            say(f"C item {item.id}")
            source = data_dir / f"upload-{os.getpid()}.bin"
            source.write_bytes(os.urandom(rng.randint(1, 16 * 1024)))
            attachment, _ = session.attachments.attach(item.id, source)
            source.unlink()
            made_items.append(item.id)
            say(f"C attachment {attachment.id}")
        elif choice < 0.85 and made_items:  # holistic mapping of an earlier item
            links, _ = session.mapping.link(rng.choice(made_items), registration_id, unit.urn, [number])
            for link in links:
                made_links.append(link.id)
                say(f"C link {link.id}")
        elif made_links:  # a soft delete
            link_id = made_links.pop(rng.randrange(len(made_links)))
            session.mapping.unlink(link_id)
            say(f"C unlink {link_id}")


def main() -> None:
    data_dir, registration_id = Path(sys.argv[1]), sys.argv[2]
    catalogue = load_catalogue(shipped_dir("qualifications"))
    say("READY")
    for line in sys.stdin:
        if not line.startswith("go "):
            continue
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(data_dir, registration_id, catalogue, int(line.split()[1]))
            finally:
                os._exit(0)
        say(f"P {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"X {pid} {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}")


if __name__ == "__main__":
    main()
