"""Job titles and degrees as people type them (a roster's 'Title' and 'Degree' columns): each
resolves to the right role or degree, or, misspelt, is answered with the right one first."""

from __future__ import annotations

import json
import re

import pytest

from hitsalary.core.errors import UsageProblem
from hitsalary.core.models import ReferenceData
from hitsalary.core.profile import Vocabulary, choose

# Titles from healthcare IT job postings and rosters, with the role each belongs to.
TITLES = {
    "Health Information Technician": "medical-coding",  # 29-2072 (O*NET), not 29-9021: a trial's
    "RHIT": "medical-coding",
    "Health Information Technologist": "health-information",
    # a trial's HR roster (2026-12-07): security engineers, HR's 'Director, IT' order, HIM leaders
    "Information Security Engineer": "cybersecurity",
    "Sr. Information Security Engineer": "cybersecurity",
    "Cybersecurity Engineer": "cybersecurity",
    "Information Security Specialist": "cybersecurity",
    "Director, IT": "it-manager",
    "Manager, IT": "it-manager",
    "Analyst, Epic": "ehr",
    "Senior Analyst, Epic Ambulatory": "ehr",
    "Director of Health Information Management": "him-director",
    "Health Informatics": "nursing-informatics",  # O*NET 15-1211.01, not data science (a trial)
    "Health Informatics Specialist": "nursing-informatics",
    "Computer Systems Analyst": "ehr",  # BLS's own title for 15-1211, which the tool prints
    "QA Tester": "qa-testing",  # a trial's (2026-12-07): 'did you mean qa-testing?'
    "QA Specialist": "qa-testing",
    "VP of IT": "it-manager",  # a trial's: refused with every role listed
    "Vice President, Information Technology": "it-manager",
    "Head of IT": "it-manager",
    "cerner analyst": "ehr",
    "Cerner Analyst": "ehr",
    "Epic Analyst": "ehr",
    "Senior Epic Analyst II": "ehr",
    "Epic Builder": "ehr",
    "Epic Credentialed Trainer": "ehr",
    "Epic Application Analyst": "ehr",
    "Meditech Analyst": "ehr",
    "Meditech Specialist": "ehr",
    "Oracle Health Analyst": "ehr",
    "Oracle Cerner Consultant": "ehr",
    "athenahealth consultant": "ehr",
    "eClinicalWorks Trainer": "ehr",
    "Allscripts Analyst": "ehr",
    "Veradigm Specialist": "ehr",
    "Clinical Analyst": "ehr",
    "Clinical Systems Analyst": "ehr",
    "Sr. Clinical Applications Analyst": "ehr",
    "EHR Analyst": "ehr",
    "Informatics Nurse": "nursing-informatics",
    "Nurse Informatics": "nursing-informatics",
    "Nurse Informatics Specialist": "nursing-informatics",
    "Clinical Informatics Specialist": "nursing-informatics",
    "Information Security Analyst": "cybersecurity",
    "Lead Security Engineer": "cybersecurity",
    "Health Data Analyst": "analytics",
    "Medical Coder": "medical-coding",
    "IT Project Manager": "project-management",
    "Director of IT": "it-manager",
    "Help Desk": "help-desk",
    "Systems Administrator": "network-admin",
    "Database Administrator": "database",
    # a trial's roster (2026-12-03): the module between vendor and job word, and common titles
    "Epic Beaker Analyst": "ehr",
    "Epic Ambulatory Analyst": "ehr",
    "Sr. Epic Willow Inpatient Analyst II": "ehr",
    "Cerner PowerChart Analyst": "ehr",
    "HL7 Interface Analyst": "ehr",
    "Security Operations Analyst": "cybersecurity",
    "Help Desk Technician": "help-desk",
    "Service Desk Analyst": "help-desk",
    "Clinical Informatics RN": "nursing-informatics",
    "CPC Coder": "medical-coding",
}
# Titles whose words between could name another occupation: not guessed, both roles suggested.
NOT_GUESSED = {
    "Network Security Engineer": ("cybersecurity", "network-architect"),
    "Clinical Data Analyst": ("ehr", "analytics"),
    # a second trial: help desk and testing are roles of their own, whatever system they support
    "Epic Help Desk Analyst": ("help-desk", "ehr"),
    "Epic Service Desk Analyst": ("help-desk", "ehr"),
    "Epic Test Analyst": ("qa-testing", "ehr"),
}
# Misspelt titles and keys: the right role must be the first suggestion, named by the nearest
# spelling (the job title the person nearly typed) with its role key, or by the key alone where
# the key is itself the nearest spelling.
MISSPELT = {
    "cerner anlyst": ("ehr", "'cerner analyst' (ehr)"),
    "meditech analist": ("ehr", "'meditech analyst' (ehr)"),
    "epic anaylst": ("ehr", "'epic analyst' (ehr)"),
    "epic anlyst": ("ehr", "'epic analyst' (ehr)"),
    "Senior Epic Anlyst II": ("ehr", "'epic analyst' (ehr)"),  # seniority words dropped first
    "nurse informatcs": ("nursing-informatics", "'nurse informatics' (nursing-informatics)"),
    "informaton security analyst": ("cybersecurity", "'information security analyst' (cybersecurity)"),
    "sofware": ("software", "software"),  # one word: the one-word spellings first
    "cybersecurty": ("cybersecurity", "cybersecurity"),
    "databse": ("database", "database"),
    "analytcs": ("analytics", "analytics"),
}
DEGREES = {
    "bsn": "bachelor",
    "BSN": "bachelor",
    "bachelor of science": "bachelor",
    "Bachelor of Arts": "bachelor",
    "ba": "bachelor",
    "B.S.": "bachelor",
    "ms": "master",
    "msn": "master",
    "MHA": "master",
    "mhi": "master",
    "Master of Science": "master",
    "dnp": "doctorate",
    "ADN": "associate",
    "ASN": "associate",  # a trial's: refused, 'did you mean as or msn'
}


def suggestions(vocabulary: Vocabulary, text: str) -> list[str]:
    """The suggestions as shown: "'epic analyst' (ehr)", or a key alone."""
    with pytest.raises(UsageProblem) as refused:
        choose(vocabulary, text, flag="--role")
    hint = re.search(r"did you mean (.+)\?\)$", str(refused.value))
    assert hint is not None, str(refused.value)
    return hint.group(1).split(" or ")


def key_of(suggestion: str) -> str:
    named = re.fullmatch(r"'[^']+' \(([a-z0-9-]+)\)", suggestion)
    return named.group(1) if named else suggestion


@pytest.mark.parametrize(
    "title",
    [
        "Director of Clinical Informatics",
        "Chief Nursing Informatics Officer",
        "CMIO",
        "Manager, Clinical Applications",
    ],
)
def test_a_leaders_title_is_shown_the_leaders_roles_first(data: ReferenceData, title: str) -> None:
    """A trial's 'Director of Clinical Informatics' was shown two analysts' roles: a title that
    names a leader is shown the managers' roles (IT and health information) first."""
    keys = [key_of(s) for s in suggestions(Vocabulary.of(data, "role"), title)]
    assert keys[:2] == ["it-manager", "him-director"]


def test_at_least_thirty_titles_besides_cerner_analyst() -> None:
    assert len(TITLES) - 1 >= 30


@pytest.mark.parametrize(("title", "role"), TITLES.items())
def test_a_real_title_resolves(data: ReferenceData, title: str, role: str) -> None:
    assert choose(Vocabulary.of(data, "role"), title, flag="--role") == role


@pytest.mark.parametrize(("title", "expected"), MISSPELT.items())
def test_a_misspelt_title_suggests_its_role_first(data: ReferenceData, title: str, expected) -> None:
    role, shown = expected
    first = suggestions(Vocabulary.of(data, "role"), title)[0]
    assert first == shown
    assert key_of(first) == role
    assert choose(Vocabulary.of(data, "role"), role, flag="--role") == role


@pytest.mark.parametrize(("title", "expected"), MISSPELT.items())
def test_the_suggested_spelling_is_accepted_as_typed(data: ReferenceData, title: str, expected) -> None:
    """What the suggestion names can be typed back as it is shown and gives the role it names."""
    role, shown = expected
    spelling = re.fullmatch(r"'([^']+)' \([a-z0-9-]+\)", shown)
    typed = spelling.group(1) if spelling else shown
    assert choose(Vocabulary.of(data, "role"), typed, flag="--role") == role


MISSPELT_CHOICES = {  # education and employer answer a near miss the same way
    ("education", "mastrs"): "'masters' (master)",
    ("education", "bachelr of science"): "'bachelor of science' (bachelor) or 'master of science' (master)",
    ("education", "mastr"): "master",
    ("employer", "physician practise"): "'physician practice' (clinic)",
    ("employer", "hosptal"): "hospital",
}


@pytest.mark.parametrize(("field", "text"), MISSPELT_CHOICES)
def test_a_misspelt_degree_or_employer_names_the_nearest_spelling(
    data: ReferenceData, field: str, text: str
) -> None:
    with pytest.raises(UsageProblem) as refused:
        choose(Vocabulary.of(data, field), text, flag=f"--{field}")
    assert str(refused.value) == (
        f"invalid value for --{field}: '{text}' (did you mean {MISSPELT_CHOICES[field, text]}?)"
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("registered nurse", "'nurse informaticist' (nursing-informatics)"),  # a trial got 'registrar'
        ("nurse", "'nurse informaticist' (nursing-informatics)"),  # a trial got all 20 roles
    ],
)
def test_a_title_sharing_a_word_with_a_job_title_is_pointed_at_it(
    data: ReferenceData, text: str, first: str
) -> None:
    assert suggestions(Vocabulary.of(data, "role"), text)[0] == first


@pytest.mark.parametrize(
    ("field", "text", "key"),
    [("education", "ADN", "associate"), ("role", "RN Informaticist", "nursing-informatics")],
)
def test_nursing_spellings_a_trial_typed(data: ReferenceData, field: str, text: str, key: str) -> None:
    assert choose(Vocabulary.of(data, field), text, flag=f"--{field}") == key


def test_a_misspelt_state_is_answered_with_its_code(data: ReferenceData) -> None:
    """A state's code is what people know it by (and its names are proper nouns): the code alone."""
    with pytest.raises(UsageProblem) as refused:
        choose(Vocabulary.of(data, "state"), "Califrnia", flag="--state")
    assert str(refused.value) == "invalid value for --state: 'Califrnia' (did you mean CA?)"


@pytest.mark.parametrize(("degree", "key"), DEGREES.items())
def test_a_degree_as_people_write_it(data: ReferenceData, degree: str, key: str) -> None:
    assert choose(Vocabulary.of(data, "education"), degree, flag="--education") == key


@pytest.mark.parametrize(
    ("degree", "key"),
    [
        ("BS in Computer Science", "bachelor"),  # a new-user trial was offered 'master of science'
        ("Master's in Health Informatics", "master"),
        ("PhD in informatics", "doctorate"),
        ("BSN, RN", "bachelor"),
        ("MBA (Healthcare)", "master"),
        ("Associate - Medical Coding", "associate"),
        ("MS Nursing", "master"),  # a new-user trial was offered a bachelor's spelling
        ("bachelor of sciense", "bachelor"),  # a bachelor's of any field, spelt right or not
        ("BS Computer Science", "bachelor"),
        ("Master of Science Health Informatics", "master"),
        ("MBA Healthcare Administration", "master"),
        ("PhD Biomedical Informatics", "doctorate"),
    ],
)
def test_a_degree_with_its_field_of_study_is_the_degree(data: ReferenceData, degree: str, key: str) -> None:
    assert choose(Vocabulary.of(data, "education"), degree, flag="--education") == key


@pytest.mark.parametrize(("degree", "key"), [("bachelor xyzzy", "bachelor"), ("MS Nursing", "master")])
def test_a_degree_read_from_a_longer_spelling_says_how_it_was_read(
    run, data: ReferenceData, degree: str, key: str
) -> None:
    # a trial's 'bachelor xyzzy' was read as a bachelor's without a word: the degree is still
    # read from the start (as 'MS Nursing' must be), and a note says so, as --metro's does
    result = run("estimate", "--exp", "5", "--state", "CA", "--education", degree, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["education"] == key
    label = data.factor("education").values[key].label
    assert result.stderr == (
        f"hitsalary: note: --education '{degree}' is read as {label} ({key}); what follows a degree "
        "(its field of study, a second credential) is not read\n"
    )
    for whole in (key, "Master of Science", "phd"):  # a whole spelling needs no note
        assert run("estimate", "--exp", "5", "--education", whole).stderr == ""


def test_only_a_degree_drops_what_follows_it(data: ReferenceData) -> None:
    with pytest.raises(UsageProblem):
        choose(Vocabulary.of(data, "employer"), "hospital in Ohio", flag="--employer")
    with pytest.raises(UsageProblem):
        choose(Vocabulary.of(data, "education"), "in progress", flag="--education")
    with pytest.raises(UsageProblem):  # a field of study alone, with no degree before it
        choose(Vocabulary.of(data, "education"), "Nursing MS", flag="--education")
    with pytest.raises(UsageProblem):
        choose(Vocabulary.of(data, "employer"), "hospital Ohio", flag="--employer")


def test_seniority_words_are_dropped_only_from_titles(data: ReferenceData) -> None:
    with pytest.raises(UsageProblem):
        choose(Vocabulary.of(data, "education"), "senior bachelor", flag="--education")


def test_roles_lists_job_titles_not_none(run, run_json) -> None:
    out = run_json("roles")
    general = next(row for row in out["roles"] if row["key"] == "general")
    assert "none" not in general["aliases"]
    assert choose_cli(run, "none") == 0  # still accepted: no particular role
    table = run("roles", env={"COLUMNS": "200"}).stdout
    assert not re.search(r"\bnone\b", table.split("Medians:")[0])
    assert '"cerner analyst"' in " ".join(table.split())  # the vendor rule, in ehr's why


def choose_cli(run, role: str) -> int:
    return int(run("estimate", "--exp", "5", "--role", role, "--json").exit_code)


def test_the_cli_takes_a_vendor_title(run_json) -> None:
    assert run_json("estimate", "--exp", "5", "--role", "Cerner Analyst")["profile"]["role"] == "ehr"


def test_a_roster_of_real_titles_is_estimated_row_for_row(run, tmp_path) -> None:
    roster = tmp_path / "staff.csv"
    rows = [f'5,"{title}",{degree}' for title, degree in zip(TITLES, DEGREES, strict=False)]
    roster.write_text("exp,role,education\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("batch", str(roster))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    expected = list(zip(TITLES.values(), DEGREES.values(), strict=False))
    assert [(r["role"], r["education"]) for r in records] == expected


def roles_by_soc(data: ReferenceData) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, role in data.roles.items():
        found.setdefault(role.soc, []).append(key)
    return found


def test_the_shipped_roles_have_both_kinds_of_soc(data: ReferenceData) -> None:
    """The tests below need a SOC of one role and one shared by several (README: 15-1211)."""
    by_soc = roles_by_soc(data)
    assert by_soc["15-1211"] == ["ehr", "nursing-informatics"]
    assert by_soc["15-1212"] == ["cybersecurity"]


@pytest.mark.parametrize("form", ["{soc}", "{soc}.00", " {soc} "])
def test_a_soc_code_of_one_role_is_that_role(data: ReferenceData, form: str) -> None:
    for soc, keys in roles_by_soc(data).items():
        if len(keys) == 1:
            assert choose(Vocabulary.of(data, "role"), form.format(soc=soc), flag="--role") == keys[0]


def test_a_soc_code_several_roles_share_names_them_all(data: ReferenceData) -> None:
    shared = {soc: keys for soc, keys in roles_by_soc(data).items() if len(keys) > 1}
    assert shared
    for soc, keys in shared.items():
        with pytest.raises(UsageProblem) as refused:
            choose(Vocabulary.of(data, "role"), soc, flag="--role")
        listed = f"{', '.join(keys[:-1])} or {keys[-1]}"
        assert str(refused.value) == (
            f"invalid value for --role: '{soc}' is the SOC code of more than one role (choose {listed})"
        )


@pytest.mark.parametrize("text", ["15-9999", "99-0000.00", "15-1212.0", "15-12120"])
def test_an_unknown_soc_code_is_an_unknown_role(data: ReferenceData, text: str) -> None:
    """A code no role has, or a malformed one (15-1212.0 is neither a SOC nor an O*NET-SOC code)."""
    with pytest.raises(UsageProblem) as refused:
        choose(Vocabulary.of(data, "role"), text, flag="--role")
    assert str(refused.value).startswith(f"invalid value for --role: '{text}' (")
    assert "SOC code of more than one role" not in str(refused.value)


def test_only_the_role_takes_a_soc_code(data: ReferenceData) -> None:
    with pytest.raises(UsageProblem):
        choose(Vocabulary.of(data, "employer"), "15-1212", flag="--employer")


def test_estimate_takes_a_soc_code_as_the_cli_and_the_api(run, run_json) -> None:
    import hitsalary

    by_key = run_json("estimate", "--exp", "5", "--state", "CA", "--role", "cybersecurity")
    assert run_json("estimate", "--exp", "5", "--state", "CA", "--role", "15-1212") == by_key
    assert hitsalary.to_json(hitsalary.estimate(exp=5, state="CA", role="15-1212")) == by_key
    shared = run("estimate", "--exp", "5", "--state", "CA", "--role", "15-1211")
    assert shared.exit_code == 2
    assert shared.stdout == ""
    assert shared.stderr == (
        "hitsalary: invalid value for --role: '15-1211' is the SOC code of more than one role "
        "(choose ehr or nursing-informatics)\n"
    )
    with pytest.raises(UsageProblem, match="choose ehr or nursing-informatics"):
        hitsalary.estimate(exp=5, role="15-1211")


def test_a_roster_row_takes_a_soc_code(run) -> None:
    roster = "exp,state,role\n5,CA,15-1212\n5,CA,cybersecurity\n5,CA,15-1211\n5,CA,15-9999\n"
    result = run("batch", "-", input=roster)
    assert result.exit_code == 3, result.stderr  # finished, some rows rejected
    soc, key, shared, unknown = (json.loads(line) for line in result.stdout.splitlines())
    assert {**soc, "row": 2} == key
    assert key["role"] == "cybersecurity"
    assert shared["error_field"] == "role"
    assert shared["error"] == (
        "invalid value for role: '15-1211' is the SOC code of more than one role "
        "(choose ehr or nursing-informatics)"
    )
    assert unknown["error_field"] == "role"
    assert "choose from" in unknown["error"]
    import hitsalary

    rows = list(hitsalary.batch([{"exp": 5, "role": "15-1212"}, {"exp": 5, "role": "15-1211"}]))
    assert rows[0]["role"] == "cybersecurity"
    assert rows[1]["error"] == shared["error"]


def test_roles_says_a_soc_code_is_accepted(run) -> None:
    result = run("roles")
    assert result.exit_code == 0
    assert "--role also takes a SOC code" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("title", "both"), NOT_GUESSED.items())
def test_a_title_whose_words_between_name_another_role_is_not_guessed(
    data: ReferenceData, title: str, both: tuple[str, str]
) -> None:
    """'Network Security Engineer' could be a network engineer or a security engineer: the words
    between a title's first and job words are only passed over when none of them names a role."""
    with pytest.raises(UsageProblem) as caught:
        choose(Vocabulary.of(data, "role"), title, flag="--role")
    for role in both:
        assert f"({role})" in str(caught.value)
