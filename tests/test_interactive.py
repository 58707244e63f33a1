"""Guided mode: prompts on stderr, answers from stdin, same calculation as the flags."""

from __future__ import annotations

import json
import subprocess
import sys

import pexpect
import pytest

from .conftest import spawn
from .test_user_data import GOOD


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


# The questions come in this order: years, role, location, employer type, education. Answers past
# the last question are never read, so sequences that end in defaults carry a spare blank line.


def test_defaults_give_the_same_result_as_the_flags(run) -> None:
    guided = run("estimate", "-i", "--json", input=answers("5", "", "", "", "", ""))
    flags = run("estimate", "--exp", "5", "--json")
    assert guided.exit_code == 0, guided.stderr
    assert json.loads(guided.stdout) == json.loads(flags.stdout)


def test_aliases_are_accepted_as_answers(run, monkeypatch) -> None:
    replies = {
        "Years of experience in this kind of work": "7.5",
        "Role": "epic analyst",
        "Location": "California",
        "Employer type": "health insurer",
        "Education": "master's",
    }
    asked: list[str] = []

    def reply(question: str) -> str:  # answer by the question's label; any other takes its default
        label = question.split(" (")[0]
        asked.append(label)
        return replies.get(label, "")

    monkeypatch.setattr("hitsalary.cli.prompts.read_answer", reply)
    result = run("estimate", "-i", "--json")
    assert result.exit_code == 0, result.stderr
    assert set(replies) <= set(asked)
    expected = {"exp": 7.5, "state": "CA", "education": "master", "employer": "payer", "role": "ehr"}
    profile = json.loads(result.stdout)["profile"]
    assert {k: profile[k] for k in expected} == expected  # the JSON contract is pinned elsewhere


def test_a_wrong_answer_is_explained_and_asked_again(run) -> None:
    result = run(
        "estimate",
        "-i",
        "--json",
        input=answers("-3", "five", "4", "cybersecurty", "", "Califrnia", "california", "", "", ""),
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["state"] == "CA"
    assert json.loads(result.stdout)["profile"]["role"] == "general"  # Enter took the default
    # said as answers to the question, not as flags the person did not type (a trial's finding)
    assert "\n  '-3' is outside 0 to 50 years" in result.stderr
    assert "\n  'five' is not a number of years (e.g. 5)" in result.stderr
    assert "\n  'cybersecurty' (did you mean cybersecurity?)" in result.stderr
    assert "\n  'Califrnia' (did you mean CA?)" in result.stderr
    assert "--exp" not in result.stderr.split("Same as:")[0]
    assert "invalid value for" not in result.stderr
    assert result.stderr.count("Role (") == 2
    assert result.stderr.count("Location (") == 2


def test_an_unknown_state_is_one_sentence_that_points_to_the_metro_question(run) -> None:
    for typed, said in (("Califrnia", "(did you mean CA?)"), ("San Jose", "(choose from US, ")):
        result = run("estimate", "-i", "--json", input=answers("5", "", typed, "CA", "", "", ""))
        assert result.exit_code == 0, result.stderr
        [line] = [line for line in result.stderr.splitlines() if line.startswith(f"  '{typed}'")]
        assert line.startswith(f"  '{typed}' {said}")
        assert line.endswith("; a city or metro area goes in the next question")
        assert line.count("(") == 1  # one bracket, not two in a row


def test_the_metro_question_offers_an_area_of_the_state_and_a_way_out_it_can_take(run) -> None:
    """After Massachusetts the metro question's example was 'san jose', and San Jose's answer was
    told to 'leave the state out', which that question cannot do (a trial)."""
    result = run("estimate", "-i", "--json", input=answers("5", "ehr", "MA", "san jose", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert "Metro area in Massachusetts (name or CBSA code, e.g. amherst town; Enter skips)" in result.stderr
    assert (
        "(41940) is not in Massachusetts (MA); choose an area in it, or press Enter to skip" in result.stderr
    )
    assert "leave the state out" not in result.stderr
    assert run("estimate", "--exp", "5", "--state", "MA", "--metro", "amherst town").exit_code == 0
    as_flag = run("estimate", "--exp", "5", "--state", "MA", "--metro", "san jose")
    assert "leave the state out" in as_flag.stderr  # the flag can
    # a name whose areas all lie elsewhere: not 'give a code with that area's state' either
    elsewhere = run(
        "estimate", "-i", "--json", input=answers("5", "ehr", "CA", "research triangle", "", "", "")
    )
    assert "none of them in California (CA): Raleigh-Cary" in elsewhere.stderr
    assert "(choose an area in it, or press Enter to skip)" in elsewhere.stderr
    assert "with that area's state" not in elsewhere.stderr


@pytest.mark.parametrize("as_flag", [False, True])
def test_a_metro_name_that_also_matched_other_areas_says_so_once(run, as_flag: bool) -> None:
    flags = ["--metro", "washington"] if as_flag else []
    typed = () if as_flag else ("washington",)
    result = run("estimate", "-i", *flags, "--json", input=answers("5", "", "", *typed, "", ""))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["area"]["code"] == "47900"
    said = (
        "note: --metro 'washington' is read as" if as_flag else "note: 'washington' is read as"
    )  # an answer
    notes = [line for line in result.stderr.splitlines() if said in line]
    assert len(notes) == 1
    assert as_flag or "--metro" not in result.stderr.split("Same as:")[0]
    assert "Eastern Washington nonmetropolitan area (5300007)" in notes[0]


def test_only_missing_values_are_asked(run) -> None:
    result = run("estimate", "-i", "--state", "NY", "--json", input=answers("3", "", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert "Location (" not in result.stderr
    assert json.loads(result.stdout)["profile"]["state"] == "NY"


def test_prompts_show_choices_and_defaults(run) -> None:
    result = run("estimate", "-i", "--json", input=answers("1", "", "", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert (
        "Education (typical, high-school, certificate, associate, bachelor, master, doctorate) [typical]: "
        in result.stderr
    )
    assert "Employer type (any, hospital, clinic, healthcare, vendor, consulting," in result.stderr
    assert "[any]: " in result.stderr
    assert "[general]: " in result.stderr
    assert "`hitsalary roles` lists them" in result.stderr  # too many roles to list in the question


def test_the_equivalent_command_is_printed_and_reproduces_the_result(run) -> None:
    given = answers("9", "epic analyst", "tx", "", "", "")
    result = run("estimate", "-i", "--json", "--education", "phd", input=given)
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("Same as: "))
    command = line.removeprefix("Same as: ").split()
    assert command[:2] == ["hitsalary", "estimate"]
    for flag in ("--role ehr", "--state TX", "--education doctorate", "--json"):
        assert flag in line
    again = run(*command[1:])
    assert json.loads(again.stdout) == json.loads(result.stdout)


def test_the_equivalent_command_keeps_the_offer_and_levels_flags(run) -> None:
    """The guided mode asks for the profile; the flags it did not ask about are in the command."""
    result = run("estimate", "-i", "--offer", "100k", "--levels", input=answers("5", "ehr", "CA", "", "", ""))
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("Same as: "))
    assert line.endswith("--offer 100000 --levels")
    again = run(*line.removeprefix("Same as: hitsalary ").split())
    assert again.stdout == result.stdout


def same_as(result) -> str:
    return next(x for x in result.stderr.splitlines() if x.startswith("Same as: "))


def test_the_equivalent_report_keeps_every_flag_the_page_depends_on(run, tmp_path) -> None:
    """--vs, --years and -o change the page: the line that is "the same" gives them, as the
    page's own reproduce line does."""
    page = tmp_path / "r.html"
    flags = ["--vs", "state=TX", "--years", "5", "--offer", "120k", "-o", str(page)]
    result = run("report", "-i", *flags, input=answers("5", "ehr", "CA", "", "", ""))
    assert result.exit_code == 0, result.stderr
    line = same_as(result)
    profile = "--exp 5 --state CA --role ehr"
    assert line == f"Same as: hitsalary report {profile} --offer 120000 --years 5 --vs state=TX -o {page}"
    assert line.removeprefix("Same as: ") in page.read_text(encoding="utf-8")


def test_the_equivalent_command_keeps_the_data_file(run, tmp_path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(GOOD, encoding="utf-8")  # a half-width of its own: a different band
    result = run("estimate", "-i", "--data", str(mine), input=answers("5", "ehr", "CA", "", "", ""))
    line = same_as(result)
    assert line.endswith(f" --data {mine}")
    again = run(*line.removeprefix("Same as: hitsalary ").split())
    assert (again.exit_code, again.stdout) == (result.exit_code, result.stdout)


def test_table_output_after_prompts(run, run_json) -> None:
    result = run("estimate", "-i", input=answers("5", "", "CA", "", "", ""))
    assert result.exit_code == 0
    band = run_json("estimate", "--exp", "5", "--state", "CA")["band"]
    for amount in band.values():
        assert f"${amount:,}" in result.stdout
    assert "Years of experience in this kind of work (0-50)" not in result.stdout  # prompts stay on stderr
    assert "Location (" not in result.stdout


@pytest.mark.parametrize("given", [answers(), answers("5"), answers("5", "ehr", "CA")])
def test_early_end_of_input_exits_1(run, given: str) -> None:
    result = run("estimate", "-i", "--json", input=given)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("hitsalary: input ended")
    assert "Traceback" not in result.stderr


def test_bare_command_without_a_terminal_says_which_flag_is_missing(run) -> None:
    result = run("estimate")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "hitsalary: missing --exp: give the years of experience (e.g. --exp 5), or use -i to be asked"
    )


def test_bare_command_without_a_terminal_does_not_wait_for_input() -> None:
    # stdin is a pipe that stays open: a program that tried to read it would hang here
    proc = spawn("estimate", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 2
    assert out == b""
    assert b"missing --exp" in err


def terminal(*args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable, ["-m", "hitsalary", *args], encoding="utf-8", timeout=30, dimensions=(50, 120)
    )


def test_bare_command_on_a_terminal_prompts(run_json) -> None:
    mid = run_json("estimate", "--exp", "5", "--state", "CA")["band"]["mid"]
    child = terminal("estimate")
    child.expect_exact("Years of experience in this kind of work (0-50): ")
    child.sendline("5")
    child.expect_exact("[general]: ")
    child.sendline("")
    child.expect_exact("[US]: ")
    child.sendline("Califrnia")
    child.expect_exact("did you mean CA?")
    child.expect_exact("[US]: ")
    child.sendline("CA")
    same_as = "Same as: hitsalary estimate --exp 5 --state CA"
    while child.expect_exact(["]: ", "): ", same_as]) != 2:  # Enter takes every other default
        child.sendline("")
    child.expect_exact(f"${mid:,}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_at_a_prompt_exits_130_cleanly() -> None:
    child = terminal("estimate", "-i")
    child.expect_exact("Years of experience in this kind of work (0-50): ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before
    assert "hitsalary: interrupted" in child.before


def readme_guided_sessions() -> list[tuple[str, list[str]]]:
    """The README's guided-mode transcript: each '$ ' command with the lines it printed."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n$ hitsalary estimate -i\n", 1)[1].split("```", 1)[0]
    sessions: list[tuple[str, list[str]]] = [("hitsalary estimate -i", [])]
    for line in block.splitlines():
        if line.startswith("$ "):
            sessions.append((line[2:], []))
        else:
            sessions[-1][1].append(line)
    return sessions


def typed_answers(lines: list[str]) -> list[str]:
    """The answers a transcript shows after its questions ('...) [US]: ca' -> 'ca')."""
    end = next(i for i, line in enumerate(lines) if line.startswith("Same as:"))
    questions = [line for line in lines[1:end] if not line.startswith("  ")]  # '  invalid ...': a reply
    return [line.rsplit(": ", 1)[1] if ": " in line else "" for line in questions]


def test_the_readme_transcript_is_what_guided_mode_prints(run) -> None:
    (_, lines), _ = readme_guided_sessions()
    shown = lines[: lines.index("Healthcare IT salary estimate")]
    result = run("estimate", "-i", input=answers(*typed_answers(shown)))
    assert result.exit_code == 0, result.stderr
    assert [line.rstrip() for line in result.stderr.splitlines()] == shown
    assert result.stdout.splitlines()[0] == "Healthcare IT salary estimate"
    assert lines[lines.index("Healthcare IT salary estimate") + 1 :] == ["..."]


def test_the_readme_piped_example_is_what_guided_mode_prints(run) -> None:
    _, (piped, lines) = readme_guided_sessions()
    fed, pipeline = piped.split(" | ", 1)
    assert pipeline == "hitsalary estimate -i --json | jq .band"
    typed = fed.removeprefix("printf '").removesuffix("'").replace("\\n", "\n")
    assert typed.splitlines() == typed_answers(lines)  # the transcript shows the answers printf gives
    result = run("estimate", "-i", "--json", input=typed)
    assert result.exit_code == 0, result.stderr
    end = lines.index("{")
    assert [line.rstrip() for line in result.stderr.splitlines()] == lines[:end]
    assert json.loads("\n".join(lines[end:])) == json.loads(result.stdout)["band"]


def test_a_degree_read_from_a_longer_answer_is_said_as_for_the_flag(run) -> None:
    """A trial's 'MS Nursing' at the education question was read as a master's without a word,
    where --education 'MS Nursing' says so: the same note, once."""
    asked = run("estimate", "-i", "--json", input=answers("5", "", "", "", "", "MS Nursing"))
    assert asked.exit_code == 0, asked.stderr
    flagged = run("estimate", "--exp", "5", "--education", "MS Nursing", "--json")
    assert json.loads(asked.stdout)["profile"]["education"] == "master"
    notes = [line.strip() for line in asked.stderr.splitlines() if "is read as" in line]
    said = [line for line in flagged.stderr.splitlines() if "is read as" in line]
    # the flag's line under the prompt, without the flag the person did not type
    assert [f"hitsalary: {line}" for line in notes] == [line.replace("--education ", "") for line in said]
    assert len(notes) == 1
