"""Ranking experiments on the SciFact dev set, in memory, on the product's own lexemes and vectors.

Reads the JSON that dump.ts writes (chunks with lexemes, positions and USE-lite vectors; queries
with their terms, positions and vectors), re-implements the product's BM25 text branch and score
fusion exactly (it reproduces `pnpm bench quality`: text 0.758, hybrid 0.770), then measures
alternatives with 2-fold cross-validation over query-id parity. Needs Python 3 with numpy.

    python3 bench/quality/experiments/rerank.py /tmp/quality-dump.json [experiment ...]

Experiments: baseline bm25grid fusion centering doccos bm25l proximity noanswer (default: all), and
sentences (needs SENTENCES=<file.jsonl>: a first run writes <file.jsonl>.input.json, the sentences of
the documents in the hybrid's top 10, to embed with embed-sentences.ts; the next run measures).
"""
import json
import math
import os
import re
import sys
from collections import defaultdict

import numpy as np

DUMP = json.load(open(sys.argv[1]))
CHUNKS, QUERIES = DUMP["chunks"], DUMP["queries"]
N, NQ = len(CHUNKS), len(QUERIES)
DOC = [c["doc"] for c in CHUNKS]
CHUNKS_OF = defaultdict(list)
for i, d in enumerate(DOC):
    CHUNKS_OF[d].append(i)
LEN = np.array([c["term_count"] for c in CHUNKS], dtype=float)
AVG = LEN.sum() / N
POS = [{x["l"]: x["p"] for x in c["lex"]} for c in CHUNKS]
POSTINGS = defaultdict(list)
for i, c in enumerate(CHUNKS):
    for x in c["lex"]:
        POSTINGS[x["l"]].append((i, x["tf"]))
E = np.array([c["embedding"] for c in CHUNKS], dtype=float)
E /= np.linalg.norm(E, axis=1, keepdims=True)
Q = np.array([q["vector"] for q in QUERIES], dtype=float)
Q /= np.linalg.norm(Q, axis=1, keepdims=True)
COS = Q @ E.T
REL = [set(q["relevant"]) for q in QUERIES]
FOLDS = [[i for i in range(NQ) if int(QUERIES[i]["id"]) % 2 == f] for f in (0, 1)]
CANDIDATES, HITS = 80, 20  # limit 20 x candidateMultiplier 4, as the bench asks


def idf(df):
    return math.log(1 + (N - df + 0.5) / (df + 0.5))


def terms_of(qi):
    return sorted(t for t in set(QUERIES[qi]["terms"]) if t in POSTINGS)


def bm25(qi, k1=1.2, b=0.75):
    s = np.zeros(N)
    for t in terms_of(qi):
        w = idf(len(POSTINGS[t]))
        for i, f in POSTINGS[t]:
            s[i] += w * f * (k1 + 1) / (f + k1 * (1 - b + b * LEN[i] / AVG))
    return s


def max_possible(qi, k1=1.2):
    return sum(idf(len(POSTINGS[t])) * (k1 + 1) for t in terms_of(qi))


BM = [bm25(qi) for qi in range(NQ)]
MP = [max_possible(qi) for qi in range(NQ)]


def top(scores, k):
    return [i for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]


def documents(chunk_ids):
    return list(dict.fromkeys(DOC[i] for i in chunk_ids))


def ndcg(ranking, relevant, k=10):
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranking[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


def report(name, rankings):
    n = [ndcg(r, REL[i]) for i, r in enumerate(rankings)]
    folds = [np.mean([n[i] for i in f]) for f in FOLDS]
    print(f"{name:58s} all {np.mean(n):.4f}  even ids {folds[0]:.4f}  odd ids {folds[1]:.4f}")
    return np.mean(n), folds


def fuse(qi, w=0.4, bm=None, mp=None, cos=None, extra=None):
    """The product's score fusion: bm25 / maxPossible + w x cosine over both branches' candidates."""
    bm = BM[qi] if bm is None else bm
    mp = MP[qi] if mp is None else mp
    cos = COS[qi] if cos is None else cos
    text = set(top(bm, CANDIDATES))
    items = text | set(np.argsort(-COS[qi], kind="stable")[:CANDIDATES])
    score = {
        i: ((bm[i] + (extra(i) if extra else 0)) / mp if i in text else 0) + w * cos[i]
        for i in items
    }
    return sorted(items, key=lambda i: -score[i])[:HITS]


def cross_validate(label, results):
    """results: {setting: (all, [even, odd])}; the setting best on one fold, reported on the other."""
    for tuned in (0, 1):
        best = max(results, key=lambda s: results[s][1][tuned])
        print(
            f"  CV {label}: best on {'even odd'.split()[tuned]} ids {best} -> "
            f"{results[best][1][1 - tuned]:.4f} on the other fold"
        )


def baseline():
    report("text branch only (BM25 k1 1.2 b 0.75, per chunk)", [documents(top(BM[q], HITS)) for q in range(NQ)])
    report("vector branch only", [documents(np.argsort(-COS[q])[:HITS]) for q in range(NQ)])
    report("hybrid (product: score fusion, weight 0.4)", [documents(fuse(q)) for q in range(NQ)])


def bm25grid():
    results = {}
    for k1 in (0.9, 1.2, 1.5, 2.0):
        for b in (0.4, 0.6, 0.75, 0.9):
            bms = [bm25(q, k1, b) for q in range(NQ)]
            mps = [max_possible(q, k1) for q in range(NQ)]
            for w in (0.3, 0.4, 0.5):
                results[(k1, b, w)] = report(
                    f"hybrid, BM25 k1 {k1} b {b}, weight {w}",
                    [documents(fuse(q, w, bms[q], mps[q])) for q in range(NQ)],
                )
    cross_validate("k1, b, weight", results)


def fusion():
    def normalised(q, w, mode):
        text = top(BM[q], CANDIDATES)
        items = list(set(text) | set(np.argsort(-COS[q])[:CANDIDATES]))
        c = np.array([COS[q][i] for i in items])
        c = (c - c.mean()) / (c.std() + 1e-9) if mode == "z" else (c - c.min()) / (np.ptp(c) + 1e-9)
        r = np.array([BM[q][i] / MP[q] if i in set(text) else 0 for i in items])
        return [items[j] for j in np.argsort(-(r + w * c), kind="stable")[:HITS]]

    for mode, weights in (("z", (0.01, 0.02, 0.03, 0.05)), ("minmax", (0.05, 0.1, 0.2, 0.3))):
        results = {w: report(f"cosine {mode}-normalised per query, weight {w}", [documents(normalised(q, w, mode)) for q in range(NQ)]) for w in weights}
        cross_validate(mode, results)
    for n in (20, 40, 160):
        global CANDIDATES
        CANDIDATES = n
        report(f"hybrid with {n} candidates per branch", [documents(fuse(q)) for q in range(NQ)])
    CANDIDATES = 80


def centering():
    """Cosine after removing the corpus mean vector and its top principal directions (all-but-the-top)."""
    mean = E.mean(axis=0)
    for dims in (0, 1, 2, 5):
        ec = E - mean
        ec /= np.linalg.norm(ec, axis=1, keepdims=True)
        p = np.linalg.svd(ec, full_matrices=False)[2][:dims]
        ec = ec - (ec @ p.T) @ p
        qc = Q - mean
        qc = qc - (qc @ p.T) @ p
        cos = (qc / np.linalg.norm(qc, axis=1, keepdims=True)) @ (ec / np.linalg.norm(ec, axis=1, keepdims=True)).T
        results = {w: report(f"centred cosine, {dims} directions removed, weight {w}", [documents(fuse(q, w, cos=cos[q])) for q in range(NQ)]) for w in (0.1, 0.2, 0.3, 0.4)}
        cross_validate(f"centred {dims}", results)


def doccos():
    """A chunk's cosine replaced by the best cosine among its document's chunks."""
    best = np.array([[max(COS[q][j] for j in CHUNKS_OF[DOC[i]]) for i in range(N)] for q in range(NQ)])
    results = {w: report(f"document's best chunk cosine, weight {w}", [documents(fuse(q, w, cos=best[q])) for q in range(NQ)]) for w in (0.3, 0.4, 0.5)}
    cross_validate("document cosine", results)


def query_bigrams(qi):
    """Consecutive query lexemes (in the question's order)."""
    positions = QUERIES[qi]["positions"]
    seq = sorted((p, t) for t in positions for p in positions[t] if t in POSTINGS)
    return sorted({(a, b) for (_, a), (_, b) in zip(seq, seq[1:]) if a != b})


def window_count(i, a, b, window, ordered):
    pa, pb = POS[i].get(a), POS[i].get(b)
    if not pa or not pb:
        return 0
    return sum(1 for x in pa for y in pb if 0 < ((y - x) if ordered else abs(y - x)) <= window)


def proximity():
    """
    Term proximity added to BM25 before fusion, over the text candidates: BM25TP (Rasolofo & Savoy:
    every pair of query terms within 5 positions, 1/d^2, min idf) and an SDM-like ordered bigram
    BM25 (consecutive query terms within `window` positions, in order; idf of the bigram from its
    exact chunk frequency, or approximated from its terms' idf).
    """
    k1, b = 1.2, 0.75

    def tp(q, i):
        s, K = 0.0, k1 * (1 - b + b * LEN[i] / AVG)
        terms = terms_of(q)
        for x in range(len(terms)):
            for y in range(x + 1, len(terms)):
                pa, pb = POS[i].get(terms[x]), POS[i].get(terms[y])
                if pa and pb:
                    acc = sum(1 / abs(u - v) ** 2 for u in pa for v in pb if 0 < abs(u - v) <= 5)
                    if acc:
                        w = min(idf(len(POSTINGS[terms[x]])), idf(len(POSTINGS[terms[y]])))
                        s += w * (k1 + 1) * acc / (K + acc)
        return s

    for lam in (0.5, 1.0):
        results = {w: report(f"BM25TP lambda {lam}, weight {w}", [documents(fuse(q, w, extra=lambda i, q=q: lam * tp(q, i))) for q in range(NQ)]) for w in (0.3, 0.4, 0.5)}
        cross_validate(f"BM25TP {lam}", results)

    def bigram_scores(q, window, idf_mode):
        cands = top(BM[q], CANDIDATES)
        out = defaultdict(float)
        for a, c in query_bigrams(q):
            if idf_mode == "exact":
                both = {i for i, _ in POSTINGS[a]} & {i for i, _ in POSTINGS[c]}
                hits = {i: window_count(i, a, c, window, True) for i in both}
                w = idf(sum(1 for f in hits.values() if f))
            else:
                hits = {i: window_count(i, a, c, window, True) for i in cands}
                ia, ic = idf(len(POSTINGS[a])), idf(len(POSTINGS[c]))
                w = min(ia, ic) if idf_mode == "min" else (ia + ic) / 2
            for i in cands:
                f = hits.get(i, 0)
                if f:
                    out[i] += w * f * (k1 + 1) / (f + k1 * (1 - b + b * LEN[i] / AVG))
        return out

    results = {}
    for window in (1, 2, 3, 4, 5):
        for idf_mode in ("exact", "min", "mean"):
            scores = [bigram_scores(q, window, idf_mode) for q in range(NQ)]
            for lam in (0.2, 0.4, 0.6, 0.8):
                for w in (0.3, 0.4, 0.5):
                    results[(window, idf_mode, lam, w)] = report(
                        f"bigram window {window} idf {idf_mode} lambda {lam} weight {w}",
                        [documents(fuse(q, w, extra=lambda i, s=scores[q]: lam * s.get(i, 0))) for q in range(NQ)],
                    )
    cross_validate("bigram window, idf, lambda, weight", results)


def bm25l():
    """BM25L (Lv & Zhai 2011): tf normalised by length first, then shifted by delta (0.5 standard)."""
    k1, b = 1.2, 0.75
    base = np.array([ndcg(documents(fuse(q)), REL[q]) for q in range(NQ)])
    for delta in (0.25, 0.5, 1.0):
        scores = []
        for q in range(NQ):
            s = np.zeros(N)
            for t in terms_of(q):
                w = idf(len(POSTINGS[t]))
                for i, f in POSTINGS[t]:
                    c = f / (1 - b + b * LEN[i] / AVG)
                    s[i] += w * (k1 + 1) * (c + delta) / (k1 + c + delta)
            scores.append(s)
        # The limit at saturation is still idf x (k1 + 1): the product's maxPossible holds.
        n = np.array([ndcg(documents(fuse(q, 0.4, scores[q])), REL[q]) for q in range(NQ)])
        report(f"BM25L delta {delta}, weight 0.4", [documents(fuse(q, 0.4, scores[q])) for q in range(NQ)])
        for f, name in zip(FOLDS, ("even", "odd")):
            d = n[f] - base[f]
            print(f"  {name} ids: {d.mean():+.4f} (paired SE {d.std() / math.sqrt(len(f)):.4f}; {(d > 0).sum()} better, {(d < 0).sum()} worse)")


def noanswer():
    """
    No-answer signals: each claim against the full corpus (answerable) and without its relevant
    abstracts (relevant removed); threshold at the 4% quantile of the answerable on one fold,
    false "no answer" / false answers measured on the other.
    """

    def signals(q, removed):
        bm, cos = BM[q].copy(), COS[q].copy()
        if removed:
            gone = np.array([d in REL[q] for d in DOC])
            bm[gone], cos[gone] = 0, -2
        text = set(top(bm, CANDIDATES))
        items = list(text | set(np.argsort(-cos)[:CANDIDATES]))
        score = {i: (bm[i] / MP[q] if i in text else 0) + 0.4 * cos[i] for i in items}
        order = sorted(items, key=lambda i: -score[i])
        centroid = E[order[1:5]].mean(axis=0)
        return {
            "best hit's BM25 / best possible": bm[order[0]] / MP[q],
            "best fused score": score[order[0]],
            "best cosine among top 5": max(cos[i] for i in order[:5]),
            "fused gap top 1 - top 2": score[order[0]] - score[order[1]],
            "fused top 1 - mean of 2..10": score[order[0]] - np.mean([score[i] for i in order[1:10]]),
            "PRF agreement (top 1 vs centroid 2..5)": float(E[order[0]] @ centroid / np.linalg.norm(centroid)),
        }

    answerable = [signals(q, False) for q in range(NQ)]
    removed = [signals(q, True) for q in range(NQ)]
    for name in answerable[0]:
        a = np.array([x[name] for x in answerable])
        r = np.array([x[name] for x in removed])
        auc = np.mean(a[:, None] > r[None, :]) + 0.5 * np.mean(a[:, None] == r[None, :])
        folds = []
        for f in (0, 1):
            threshold = np.quantile(a[FOLDS[f]], 0.04)
            other = FOLDS[1 - f]
            folds.append(f"{np.mean(a[other] < threshold):.3f} / {np.mean(r[other] >= threshold):.3f}")
        print(f"{name:42s} AUC {auc:.3f}; tuned on even -> odd {folds[0]}, tuned on odd -> even {folds[1]}")


def sentences():
    """The best cosine between the question and any sentence of a document, over the hybrid's top 10."""
    path = os.environ["SENTENCES"]
    pools = [documents(fuse(q))[:10] for q in range(NQ)]
    if not os.path.exists(path):
        corpus = {}
        for line in open(os.environ.get("CORPUS", "../shared/eval/scifact-dev/corpus.jsonl")):
            doc = json.loads(line)
            corpus[str(doc["id"])] = doc["text"]
        docs = sorted({d for pool in pools for d in pool})
        split = r"(?<=[.!?])\s+(?=[A-Z])"
        items = [{"doc": d, "text": s} for d in docs for s in re.split(split, corpus[d]) if s.strip()]
        json.dump(items, open(path + ".input.json", "w"))
        print(f"wrote {len(items)} sentences of {len(docs)} documents to {path}.input.json; embed them:")
        print(f"  cd bench && pnpm exec tsx quality/experiments/embed-sentences.ts {path}.input.json {path}")
        return
    vectors = defaultdict(list)
    for line in open(path):
        item = json.loads(line)
        vectors[item["doc"]].append(item["vector"])
    unit = {d: np.array(v) / np.linalg.norm(np.array(v), axis=1, keepdims=True) for d, v in vectors.items()}

    def rerank(q, w_chunk, w_sentence):
        text = set(top(BM[q], CANDIDATES))
        fused = fuse(q)
        best = {}
        for i in fused:
            if DOC[i] in pools[q]:
                relevance = BM[q][i] / MP[q] if i in text else 0
                best[DOC[i]] = max(best.get(DOC[i], -9), relevance + w_chunk * COS[q][i])
        score = {d: best[d] + w_sentence * (unit[d] @ Q[q]).max() for d in pools[q]}
        return sorted(pools[q], key=lambda d: -score[d])

    sentence_only = [sorted(pools[q], key=lambda d: -(unit[d] @ Q[q]).max()) for q in range(NQ)]
    report("top 10 reordered by best sentence cosine alone", sentence_only)
    chunk_only = [sorted(pools[q], key=lambda d: -max(COS[q][i] for i in CHUNKS_OF[d])) for q in range(NQ)]
    report("top 10 reordered by best chunk cosine alone", chunk_only)
    results = {}
    for w_chunk in (0, 0.2, 0.4):
        for w_sentence in (0.1, 0.2, 0.3, 0.4, 0.6):
            results[(w_chunk, w_sentence)] = report(
                f"chunk cosine x {w_chunk} + best sentence cosine x {w_sentence}",
                [rerank(q, w_chunk, w_sentence) for q in range(NQ)],
            )
    cross_validate("chunk, sentence weights", results)


EXPERIMENTS = dict(baseline=baseline, bm25grid=bm25grid, fusion=fusion, centering=centering, doccos=doccos, bm25l=bm25l, proximity=proximity, noanswer=noanswer)
OPTIONAL = dict(sentences=sentences)
for name in sys.argv[2:] or EXPERIMENTS:
    print(f"\n## {name}")
    {**EXPERIMENTS, **OPTIONAL}[name]()
