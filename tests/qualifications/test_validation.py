"""Bad qualification files: every problem is named with the field's path, and nothing is imported."""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor_app.domain.catalogue import CatalogueError, qualification_from_dict
from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import Catalogue, import_qualification_file, load_catalogue, \
    read_qualification_file

GOOD = json.loads((shipped_dir("qualifications") / "imi-601-3456-2.json").read_text(encoding="utf-8"))


def broken(mutate) -> dict:
    data = copy.deepcopy(GOOD)
    mutate(data)
    return data


def first_unit(data):
    return data["units"][0]


@pytest.mark.parametrize("mutate, path, problem", [
    (lambda d: d.pop("title"), "title", "missing"),
    (lambda d: d.update(format="something-else/9"), "format", "expected"),
    (lambda d: d.update(credits="forty-five"), "credits", "expected integer or null, found string"),
    (lambda d: d.update(units={}), "units", "expected array, found object"),
    (lambda d: first_unit(d).update(credit=-3), "units[A/506/2130].credit", "must not be negative"),
    (lambda d: first_unit(d).update(urn="A/506/213 0"), "units[A/506/213 0].urn", "not an Ofqual unit reference"),
    (lambda d: first_unit(d)["outcomes"][0]["criteria"][1].update(number="1.1"), "units[A/506/2130].outcomes",
     "duplicate criterion number 1.1"),
    (lambda d: first_unit(d)["outcomes"][0]["criteria"][0].update(text=7),
     "units[A/506/2130].outcomes[1].criteria[1.1].text", "expected string, found integer"),
    (lambda d: first_unit(d)["outcomes"][0]["criteria"][0].update(guidance=True),
     "units[A/506/2130].outcomes[1].criteria[1.1].guidance", "found boolean"),
    (lambda d: d["groups"][1]["units"].append("Z/999/9999"), "groups[B].units[2]", "unknown unit reference Z/999/9999"),
    (lambda d: d["groups"][0].update(min_credits=30, max_credits=19), "groups[A]", "min_credits 30 is above"),
    (lambda d: d["units"].append(copy.deepcopy(d["units"][0])), "units", "duplicate unit number A/506/2130"),
])
def test_each_problem_names_its_field(mutate, path, problem):
    with pytest.raises(CatalogueError) as error:
        qualification_from_dict(broken(mutate))
    assert error.value.path == path
    assert problem in error.value.problem


def test_truncated_json_names_line_and_column(tmp_path):
    text = json.dumps(GOOD)
    for cut in (1, len(text) // 3, len(text) - 2):
        path = tmp_path / f"cut{cut}.json"
        path.write_text(text[:cut], encoding="utf-8")
        with pytest.raises(ValueError, match=r"not valid JSON \(.* at line \d+, column \d+\)"):
            read_qualification_file(path)


def test_non_utf8_bytes_name_the_byte(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps({"title": "x"}).encode() + b"\xe9")
    with pytest.raises(ValueError, match=r"not UTF-8 text \(byte \d+ is 0xe9\)"):
        read_qualification_file(path)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children,
                                                                                              max_size=3),
                           max_leaves=8)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_fuzzed_fields_are_refused_with_a_path_never_a_crash(data):
    """Replace one random field anywhere in a real file with random JSON: it loads, or it is refused by path."""
    document = copy.deepcopy(GOOD)
    node, trail = document, []
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans(), label="descend"):
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        trail.append((node, key))
        node = node[key]
    if not trail:
        return
    parent, key = trail[-1]
    parent[key] = data.draw(json_values, label="replacement")
    try:
        qualification_from_dict(document)
    except CatalogueError as error:
        assert error.path is not None and error.problem


def test_invalid_file_is_not_imported(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken(lambda d: d["groups"][1]["units"].append("Z/999/9999"))), encoding="utf-8")
    target = tmp_path / "data" / "qualifications"
    with pytest.raises(CatalogueError, match="unknown unit reference"):
        import_qualification_file(bad, target, Catalogue())
    assert not target.exists() or list(target.iterdir()) == []


def test_valid_centre_file_imports_whole_and_loads(tmp_path):
    good = tmp_path / "centre.json"
    good.write_text(json.dumps(broken(lambda d: d.update(number="CENTRE/0001", title="Centre's own diploma"))),
                    encoding="utf-8")
    target = tmp_path / "data" / "qualifications"
    catalogue = load_catalogue(shipped_dir("qualifications"))
    qualification, written = import_qualification_file(good, target, catalogue)
    assert written.read_bytes() == good.read_bytes()
    assert [p.name for p in target.iterdir()] == [written.name]
    reloaded = load_catalogue(shipped_dir("qualifications"), target)
    assert reloaded.get("CENTRE/0001").title == "Centre's own diploma"
    with pytest.raises(ValueError, match="already loaded"):
        import_qualification_file(good, target, reloaded)
