"""`make conformance` judges a run of VNG's suite against the committed list of known failures."""

from pathlib import Path

from conformance.run import FOLDERS, KNOWN_FAILURES, SCRIPT_ERROR, Assertion, compare, outcomes, read_known, write_known

A = Assertion("zrc", "zrc-001", "(zrc-001a) Zaak aanmaken", "geeft 201")
B = Assertion("ztc", "ztc-002", "(ztc-002a) Resultaattype aanmaken", "geeft 201")
C = Assertion("zrc", "zrc-003", "(zrc-003a) ZaakInformatieObject aanmaken", SCRIPT_ERROR)


def test_a_run_that_fails_what_is_listed_is_green():
    assert compare({A, B}, failed={A, B}, passed=set(), cut_short=[]) == []


def test_a_failure_not_on_the_list_is_a_regression():
    assert compare({A}, failed={A, B}, passed={C}, cut_short=[]) == [f"new failure: {B.line()}"]


def test_a_listed_assertion_that_passes_must_leave_the_list():
    assert compare({A, B}, failed={A}, passed={B}, cut_short=[]) == [f"passes now, remove it from the list: {B.line()}"]


def test_a_listed_script_error_that_no_longer_happens_must_leave_the_list():
    assert compare({A, C}, failed={A}, passed=set(), cut_short=[]) == [f"no script error now, remove it from the list: {C.line()}"]


def test_an_assertion_that_passed_once_and_failed_once_stays_listed():
    # a request run more than once (a loop, a retry) counts as failing when any run failed
    assert compare({A}, failed={A}, passed={A}, cut_short=[]) == []


def test_a_folder_cut_short_fails_the_run():
    assert compare(set(), failed=set(), passed=set(), cut_short=["zrc"]) == ["folder zrc: the run ended before its tearDown"]


def test_failures_and_script_errors_are_read_from_the_suites_summary():
    summary = {
        "failures": [{"folder": A.folder, "rule": A.rule, "request": A.request, "assertion": A.assertion}] * 2,
        "script_errors": [{"folder": C.folder, "rule": C.rule, "request": C.request, "at": "test-script", "error": "x"}],
        "flow": {"zrc": {"reached_tearDown": True}, "ztc": {"reached_tearDown": False}},
    }
    assert outcomes(summary) == ({A, C}, ["ztc"])


def test_the_list_keeps_its_comments_when_rewritten(tmp_path: Path):
    path = tmp_path / "known.txt"
    path.write_text(f"# header\n\n# why A stays\n{A.line()}\n{B.line()}\n")
    previous = read_known(path)
    assert previous == {A: ["# why A stays"], B: []}
    write_known(path, {A, C}, previous)
    again = read_known(path)
    assert again == {A: ["# why A stays"], C: []}


def test_the_committed_list_reads():
    known = read_known(KNOWN_FAILURES)
    assert known and all(entry.folder in FOLDERS for entry in known)
