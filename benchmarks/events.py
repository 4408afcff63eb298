"""How the per-article event extraction holds up on news it was not written for.

The TempEval-3 training corpus (TimeBank + AQUAINT, 256 TimeML documents) has gold EVENT tags,
their polarity and modality (MAKEINSTANCE) and links between events and times (TLINK). Our
extractor is not a TimeML event tagger - it keeps only timeline-worthy events and dates them as
intervals - so the figures are precision-style checks of what it does keep:

- trigger precision: share of our event mentions whose trigger overlaps a gold EVENT;
- negation agreement: of matched mentions, ours ``negated`` exactly when gold polarity is NEG
  (meaningful on TimeBank; AQUAINT's polarity marks NEG on plain "said" and "died");
- not-a-report: matched mentions we call reported/scheduled that the gold marks with a modal
  ("would", "could" ...): lower is better;
- anchor agreement: of matched mentions we dated by a time expression, the share where the
  gold links that event (IS_INCLUDED, DURING, SIMULTANEOUS, ...) to a time expression
  overlapping ours; only counted where the gold has such a link;
- after publication: reported events dated after the document's creation time (must be 0);
- speed: warm median of ``extract`` over the corpus, in characters per second and ms per doc.

    python benchmarks/events.py [--repeats 3] [--folder TimeBank|AQUAINT|all] [--show N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.events.extract import ArticleEvents, extract  # noqa: E402
from tempeval import text_and_tags  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
from sitegen.model import Article, Paragraph  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "tempeval3-train"
ANCHORING = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "INCLUDES", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY",
             "IDENTITY", "DURING_INV"}


@dataclass
class GoldDoc:
    name: str
    dct: date | None
    text: str
    events: dict[str, tuple[int, int]] = field(default_factory=dict)  # eid -> span
    times: dict[str, tuple[int, int]] = field(default_factory=dict)  # tid -> span
    polarity: dict[str, str] = field(default_factory=dict)  # eid -> POS/NEG
    modality: dict[str, str] = field(default_factory=dict)  # eid -> modal word
    anchors: dict[str, set[str]] = field(default_factory=dict)  # eid -> tids it is anchored in


def load(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME" and el.get("value", "")[:10].count("-") == 2:
            dct = date.fromisoformat(el.get("value", "")[:10])
    text_el = root.find(".//TEXT")
    assert text_el is not None, path
    text, tagged = text_and_tags(text_el)
    doc = GoldDoc(path.stem, dct, text)
    for el, start, end in tagged:
        if el.tag == "EVENT":
            doc.events[el.get("eid", "")] = (start, end)
        elif el.tag == "TIMEX3":
            doc.times[el.get("tid", "")] = (start, end)
    instance = {}
    for mi in root.iter("MAKEINSTANCE"):
        eid = mi.get("eventID", "")
        instance[mi.get("eiid", "")] = eid
        doc.polarity[eid] = mi.get("polarity", "POS")
        if mi.get("modality"):
            doc.modality[eid] = mi.get("modality", "")
    for link in root.iter("TLINK"):
        eid = instance.get(link.get("eventInstanceID", ""))
        tid = link.get("relatedToTime")
        if eid and tid and tid in doc.times and link.get("relType") in ANCHORING:
            doc.anchors.setdefault(eid, set()).add(tid)
    return doc


def article(doc: GoldDoc) -> Article:
    """The document as an article whose text is exactly the TimeML TEXT (so offsets agree)."""
    paragraphs = tuple(Paragraph(p, 1) for p in doc.text.split("\n\n"))
    return Article(path=doc.name, slug=doc.name, title=doc.name, body=doc.text, body_format="text",
                   paragraphs=paragraphs, published=doc.dct)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(docs: list[GoldDoc], results: list[ArticleEvents], show: int) -> dict[str, float | int]:
    mentions = matched = negation_ok = modal_reported = anchored = anchor_ok = after = 0
    shown = 0
    for doc, res in zip(docs, results, strict=True):
        assert res.text == doc.text, doc.name
        for m in res.mentions:
            mentions += 1
            if m.status in ("reported", "claimed") and doc.dct and m.date.earliest and m.date.earliest > doc.dct:
                after += 1
            eid = next((e for e, span in doc.events.items() if overlaps(span, (m.start, m.end))), None)
            if eid is None:
                if shown < show:
                    print(f"  unmatched [{doc.name}] {m.trigger!r}: {m.title}")
                    shown += 1
                continue
            matched += 1
            negation_ok += (m.status == "negated") == (doc.polarity.get(eid) == "NEG")
            modal_reported += m.status in ("reported", "scheduled") and doc.modality.get(eid, "").lower() in (
                "would", "could", "should", "might", "may", "must", "can")
            tids = doc.anchors.get(eid)
            if m.anchor.startswith("timex:") and tids:
                anchored += 1
                ours = [t for t in res.timexes if t.text == m.anchor.removeprefix("timex:")
                        and m.sentence.start <= t.start < m.sentence.end]
                anchor_ok += any(overlaps((t.start, t.end), doc.times[tid]) for t in ours for tid in tids)
    return {
        "mentions": mentions,
        "trigger_precision": matched / mentions if mentions else 0.0,
        "negation_agreement": negation_ok / matched if matched else 0.0,
        "modal_but_reported": modal_reported,
        "anchor_checked": anchored,
        "anchor_agreement": anchor_ok / anchored if anchored else 0.0,
        "reported_after_publication": after,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--folder", choices=["TimeBank", "AQUAINT", "all"], default="all")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="print this many mentions with no gold EVENT")
    args = parser.parse_args()
    folders = ["TimeBank", "AQUAINT"] if args.folder == "all" else [args.folder]
    docs = [load(p) for f in folders for p in sorted((args.corpus / f).glob("*.tml"))]
    chars = sum(len(d.text) for d in docs)
    started = time.perf_counter()
    results = [extract(article(d)) for d in docs]
    cold = time.perf_counter() - started
    warm = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        for d in docs:
            extract(article(d))
        warm.append(time.perf_counter() - started)
    figures = score(docs, results, args.show)
    median = statistics.median(warm) if warm else cold
    print(f"corpus: {len(docs)} docs, {chars:,} chars ({args.folder})")
    print(f"event mentions kept: {figures['mentions']}")
    print(f"trigger precision (overlaps a gold EVENT): {figures['trigger_precision']:.3f}")
    print(f"negation agreement (negated <-> gold polarity NEG): {figures['negation_agreement']:.3f}")
    print(f"reported/scheduled although gold marks a modal: {figures['modal_but_reported']}")
    print(f"anchor agreement (our timex is the one the gold links the event to): "
          f"{figures['anchor_agreement']:.3f} over {figures['anchor_checked']} checkable")
    print(f"reported events dated after publication: {figures['reported_after_publication']}")
    print(f"speed: warm median {median:.2f} s over {len(warm)} runs = {chars / median:,.0f} chars/s, "
          f"{median / len(docs) * 1000:.1f} ms/doc (min {min(warm or [cold]):.2f} s, max {max(warm or [cold]):.2f} s); "
          f"first (cold) run {cold:.2f} s")


if __name__ == "__main__":
    main()
