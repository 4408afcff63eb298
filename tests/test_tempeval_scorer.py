"""Fast tests of the TempEval-3 scorer in benchmarks/tempeval.py (no tagger, no dateparser)."""
import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "tempeval.py"
_spec = importlib.util.spec_from_file_location("tempeval_bench", _PATH)
te = importlib.util.module_from_spec(_spec)
sys.modules["tempeval_bench"] = te
_spec.loader.exec_module(te)
Span = te.Span


def S(start, end, type="DATE", value="1998-01-08", mod=None, rule=None):
    return Span(start, end, "x" * (end - start), type, value, mod, rule)


def test_identical_lists_score_one():
    gold = [S(0, 5), S(10, 14, "DURATION", "P1W")]
    fig = te.score(gold, list(gold))
    for k in ("strict", "relaxed", "type", "value"):
        assert fig[k] == {"P": 1.0, "R": 1.0, "F1": 1.0}


def test_strict_vs_relaxed():
    gold = [S(0, 5), S(10, 20)]
    system = [S(0, 5), S(12, 25), S(30, 33)]  # one exact, one overlapping, one spurious
    fig = te.score(gold, system)
    assert fig["strict"]["P"] == pytest.approx(1 / 3)
    assert fig["strict"]["R"] == pytest.approx(1 / 2)
    assert fig["relaxed"]["P"] == pytest.approx(2 / 3)
    assert fig["relaxed"]["R"] == pytest.approx(1.0)
    assert fig["relaxed"]["F1"] == pytest.approx(0.8)


def test_touching_spans_do_not_overlap():
    fig = te.score([S(0, 5)], [S(5, 9)])
    assert fig["relaxed"]["R"] == 0.0


def test_one_to_one_matching():
    # two system timexes inside one gold: only one may match
    fig = te.score([S(0, 20)], [S(0, 5), S(10, 15)])
    assert fig["relaxed"]["P"] == pytest.approx(0.5)
    assert fig["relaxed"]["R"] == pytest.approx(1.0)
    # one system timex covering two gold timexes: only one may match
    fig = te.score([S(0, 5), S(10, 15)], [S(0, 15)])
    assert fig["relaxed"]["P"] == pytest.approx(1.0)
    assert fig["relaxed"]["R"] == pytest.approx(0.5)
    # a strict pair is not stolen by a greedier overlap
    pairs = te.match([S(0, 10), S(10, 20)], [S(0, 10), S(5, 20)])
    assert pairs == [(0, 0), (1, 1)]


def test_attribute_counts_only_on_relaxed_match():
    gold = [S(0, 5, "DATE", "1998-01-08"), S(10, 15, "DURATION", "P1W")]
    # right value but no overlap for the second -> does not count
    system = [S(1, 4, "DATE", "1998-01-07"), S(20, 25, "DURATION", "P1W")]
    fig = te.score(gold, system)
    assert fig["relaxed"]["R"] == pytest.approx(0.5)
    assert fig["value"] == {"P": 0.0, "R": 0.0, "F1": 0.0}
    assert fig["type"]["P"] == pytest.approx(0.5)
    assert fig["type"]["R"] == pytest.approx(0.5)
    system = [S(1, 4, "DURATION", "1998-01-08")]
    fig = te.score(gold, system)
    assert fig["value"]["P"] == pytest.approx(1.0)
    assert fig["value"]["R"] == pytest.approx(0.5)
    assert fig["type"]["P"] == 0.0


def test_per_type_recall_and_precision():
    gold = [S(0, 5, "DATE"), S(10, 15, "DURATION", "P1W")]
    system = [S(0, 5, "DATE"), S(10, 15, "DATE", "P1W")]
    bt = te.score(gold, system)["by_type"]
    assert bt["DURATION"]["relaxed"]["R"] == 1.0       # over gold DURATION
    assert bt["DURATION"]["relaxed"]["P"] is None      # no system DURATION
    assert bt["DATE"]["relaxed"]["P"] == 1.0           # over system DATE (2 of 2 matched)
    assert bt["DATE"]["value"]["P"] == 1.0


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08T09:00" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07" functionInDocument="NONE">yesterday</TIMEX3> it would <EVENT eid="e2" class="OCCURRENCE">grow</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2Y" functionInDocument="NONE">two years</TIMEX3><TIMEX3 tid="t3" type="DATE" value="PRESENT_REF" functionInDocument="NONE"></TIMEX3>.
</TEXT>
</TimeML>"""


def test_loader_offsets_entities_and_empty_timex():
    doc = te.parse_timeml(TML, "X1", "TimeBank")
    assert doc.dct == dt.date(1998, 1, 8)
    assert doc.text == "\nAT&T said yesterday it would grow for two years.\n"
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("yesterday", "DATE", "1998-01-07"), ("two years", "DURATION", "P2Y")]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text
    counts = te.corpus_counts([doc])
    assert counts == {"docs": {"TimeBank": 1}, "timex": {"TimeBank": 2},
                      "chars": {"TimeBank": len(doc.text)},
                      "types": {"DATE": 1, "DURATION": 1}}


def test_error_kinds_group_value_shapes():
    doc = te.parse_timeml(TML, "X1", "TimeBank")
    g1, g2 = doc.gold
    system = [Span(g1.start, g1.end, g1.text, "DATE", "1998-01-06", None, "relday"),
              Span(0, 1, "\n", "DATE", "1998", None, "bogus")]
    errors = te.find_errors([doc], {"X1": system})
    kinds = {e.kind for e in errors}
    assert "missed DURATION" in kinds
    assert "spurious bogus" in kinds
    assert "wrong value relday: gold 9999-99-99 vs ours 9999-99-99 (ours earlier)" in kinds
    top = te.error_kinds(errors, n=10)
    assert sum(k["count"] for k in top) == len(errors)


def _doc(doc_id, text, gold):
    spans = []
    for phrase, type_, value in gold:
        start = text.index(phrase)
        spans.append(Span(start, start + len(phrase), phrase, type_, value))
    return te.Doc(doc_id, "TimeBank", dt.date(1989, 10, 30), text, spans)


def _sys(doc, phrase, value, type_="DATE"):
    start = doc.text.index(phrase)
    return Span(start, start + len(phrase), phrase, type_, value, None, "r")


def test_audit_sorts_losses_by_what_the_gold_does_elsewhere():
    a = _doc("a", "Prices fell last week. Rates are high now. Trains run daily.",
             [("last week", "DATE", "1989-WXX"), ("daily", "SET", "P1D")])
    b = _doc("b", "Sales rose Last Week and now fall. Buses run daily.",
             [("Last Week", "DATE", "1989-W43"), ("now", "DATE", "PRESENT_REF")])
    outputs = {
        "a": [_sys(a, "last week", "1989-W43"), _sys(a, "now", "PRESENT_REF")],  # daily missed
        "b": [_sys(b, "Last Week", "1989-W42"), _sys(b, "now", "PRESENT_REF"),
              _sys(b, "Buses", "1989")],  # a wrong week of the same form; a spurious oddity
    }
    got = te.audit([a, b], outputs)
    assert got["classes"] == {
        "wrong value: the gold gives the phrase our form elsewhere": 1,  # 'last week' in a
        "spurious: the gold tags the phrase elsewhere": 1,  # 'now' in a
        "missed: the phrase stands untagged elsewhere": 1,  # 'run daily' in a ('run daily' in b is untagged)
        "wrong value: no excuse in the gold": 1,  # W42 vs W43: same form, no excuse
        "spurious: the gold never tags the phrase": 1,  # 'Buses'
    }
    # 1 right value of 5 system and 4 gold tags; fixing the 2 consistent losses (one more
    # right value, one spurious tag fewer) gives 2 right of 4 system and 4 gold tags
    assert got["value_f1"] == pytest.approx(2 * 1 / (5 + 4))
    assert got["ceiling_value_f1"] == pytest.approx(2 * 2 / (4 + 4))


def test_audit_counts_a_part_of_day_apart():
    a = _doc("a", "They met Friday night.", [("Friday night", "DATE", "1989-10-27")])
    got = te.audit([a], {"a": [_sys(a, "Friday night", "1989-10-27TNI", "TIME")]})
    assert got["classes"] == {"wrong value: a part of day the issue asks for": 1}


def test_audit_excuses_no_homograph_and_no_span_of_ours():
    a = _doc("a", "The March accession was agreed in the first two quarters of 1990.",
             [("March", "DATE", "1999-03"), ("first two quarters of 1990", "DATE", "1990-H1")])
    b = _doc("b", "Orangemen march in 1990 again.", [("1990", "DATE", "1990")])
    outputs = {"a": [_sys(a, "1990", "1990")], "b": [_sys(b, "1990", "1990")]}
    got = te.audit([a, b], outputs)
    assert got["classes"] == {
        "missed: the gold tags the phrase wherever it stands": 1,  # 'march' the verb is no twin
        "wrong value: no excuse in the gold": 1,  # our '1990' is a span of ours, not the gold's phrase
    }


def test_labelled_ceiling_fixes_only_losses_of_ours(tmp_path):
    a = _doc("a", "Prices fell last week. Trains run daily. Rates rose recently.",
             [("last week", "DATE", "1989-WXX"), ("daily", "SET", "P1D"), ("recently", "DATE", "PAST_REF")])
    b = _doc("b", "Buses run daily. Ships sail daily. It rained recently, it snowed recently.",
             [("daily", "SET", "P1D")])
    outputs = {
        "a": [_sys(a, "last week", "1989-W43")],  # 'daily' and 'recently' missed
        "b": [_sys(b, "Buses", "1989"), _sys(b, "daily", "P1D", "SET")],
    }
    labels_file = tmp_path / "labels.tsv"
    labels_file.write_text(
        "doc\tstart\tkind\tphrase\tgold\tours\tlabel\treason\tround\n"
        f"a\t{a.text.index('last week')}\tWRONG-VALUE\tlast week\t-\t-\tGOLD-WRONG\tthe week is known\tt\n"
        "a\t\tMISSED\tRecently\t-\t-\tOURS-WRONG\tkeyed by phrase\tt\n", encoding="utf-8")
    labels = te.load_labels(labels_file)
    got = te.labelled_ceiling([a, b], outputs, labels)
    # 'last week': the reader says the gold is wrong. 'Buses': unlabelled and never tagged,
    # fixable. 'daily' in a: the gold tags 2 of its 3 uses, fixable. 'recently': labelled ours,
    # but the gold leaves 2 of its 3 uses untagged, so tagging it costs more than it wins.
    assert got["fixable"] == {"spurious": 1, "missed": 1}
    assert got["value_f1"] == pytest.approx(2 * 1 / (3 + 4))
    assert got["labelled_ceiling_value_f1"] == pytest.approx(2 * 2 / (3 + 4))
    daily = ("a", "MISSED", a.text.index("daily"))
    assert te.labelled_ceiling([a, b], outputs, {**labels, daily: {"BOTH-DEFENSIBLE"}})["fixable"] == {"spurious": 1}
    # readers who disagree: one calling it ours is enough
    both = {**labels, daily: {"BOTH-DEFENSIBLE", "OURS-WRONG"}}
    assert te.labelled_ceiling([a, b], outputs, both)["fixable"] == {"spurious": 1, "missed": 1}
    # and a phrase-keyed label of an older round joins an offset-keyed one
    week = ("a", "WRONG-VALUE", "last week")
    assert te.labelled_ceiling([a, b], outputs, {**labels, week: {"OURS-WRONG"}})["fixable"] == {
        "spurious": 1, "missed": 1, "wrong value": 1}


def test_labelled_ceiling_ties_count_as_fixable_both_ways():
    a = _doc("a", "It rained lately. Rates rose lately.", [("lately", "DATE", "PAST_REF")])  # 1 of 2 tagged
    second = a.text.rindex("lately")
    spurious = {"a": [_sys(a, "lately", "PAST_REF"), Span(second, second + 6, "lately", "DATE", "PAST_REF", None, "r")]}
    assert te.labelled_ceiling([a], spurious, {})["fixable"] == {"spurious": 1}  # untagging costs no more than it wins
    assert te.labelled_ceiling([a], {"a": []}, {})["fixable"] == {"missed": 1}  # nor does tagging
