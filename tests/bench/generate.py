#!/usr/bin/env python3
"""Generate a pair of synthetic draft resolutions and the edits between them.

    generate.py --size 1m --seed 1 [--light] --out DIR

writes DIR/old.txt, DIR/new.txt and DIR/truth.json.  Standard library only;
the same --size, --seed and --light always give the same bytes.

The drafts read like a long United Nations draft resolution (see
docs/grammar.md for how normdiff reads one):

    Title line, no closing punctuation

    The General Assembly,

    Recalling ..., (preambular paragraphs, each ending with a comma)

    Heading of a part of the operative section

    1. Urges all States to ...;          (operative paragraphs, numbered
                                          continuously across headings)
    2. Requests the Secretary-General:   (a chapeau ...)
    (a) To strengthen ...;               (... with lettered sub-items)
    (b) To promote ..., including:
    (i) ...;                             (roman items under some letters)

One paragraph per line, paragraphs separated by blank lines, provisions
of 15 to 80 words drawn from built-in lists of legal and diplomatic words
and phrases, no two with the same text.  Some paragraphs cite others
("paragraph 12 above", "subparagraph (c) of paragraph 7 above").

Every provision text is an opening (the words that carry the verb,
"Urges all States") and one or more segments ("to strengthen ...",
"and to promote ...").  The new version edits about 3% of the provisions
(--rate; at least --min-per-kind of each kind, 40% of them rewordings),
each edit on a different provision, never two edits side by side:

    modified  a few words replaced, inserted or deleted (1 to 4 operations)
    added     a new provision inserted in a list
    removed   a provision dropped
    moved     a provision taken out and put back at least 3 places away in
              its list (text unchanged)
    split     a provision of two or more segments cut in two at a segment
              boundary; both halves keep the opening words
    merged    two adjacent provisions joined into one: the first, then
              ", and" and the second with its opening words kept (first
              letter in lower case)

Only leaf provisions (no sub-items of their own) are added, removed, moved,
split or merged; chapeaux are only reworded.  Cited provisions and the
provisions citing them are never moved, removed, split or merged, so every
citation still points at the same provision and keeps its "above" or
"below".  After the edits both versions are numbered in document order and
each citation is written with the number its target has in that version.

truth.json labels provisions by position: "PP3" (third preambular
paragraph), "7" (operative paragraph 7), "7(c)" and "7(c)(ii)".  It holds
the edits ({"kind", "old": [labels], "new": [labels]}), their counts per
kind, and for every provision left alone its old and new label ("kept"),
marking those whose text changed only because a citation was renumbered.

Light-edit mode (--light).  On top of the true edits, every provision of
the new version (preambular and operative paragraphs, chapeaux, sub-items,
roman items; added, moved, split, merged, modified, citing and cited ones
alike; not the title, the intro line or the headings) gets a light edit:
one word replaced by another of its kind (noun, adjective, infinitive,
gerund) and one word inserted (an adjective before a noun, or an adverb
between "to" and its verb).  The opening words are left alone (the first
five words, and the whole opening "Urges all States" of a provision that
has segments after it), so split halves still share them; citations and
the words just before them are left alone; no light edit makes two
provisions alike.  Light edits are not true edits: truth.json is the same
edits and "kept" list as without --light (an "xref" mark still means a
citation was renumbered), plus "light": true and "light_edited", the number
of provisions lightly edited.  The light edits draw from a random stream of
their own, so the true edits, old.txt and the structure of new.txt are the
same with or without --light, and the same --size, --seed and --light
always give the same bytes.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time

# --------------------------------------------------------------------------
# Vocabulary

NOUNS = """cooperation implementation coordination assistance capacity-building
development security stability framework mechanism mechanisms measures
obligations commitments provisions principles standards guidelines norms
institutions authorities stakeholders partners programmes policies strategies
initiatives resources funding contributions expertise knowledge information
data statistics reports assessments reviews consultations negotiations
dialogue agreements arrangements instruments procedures practices activities
operations efforts challenges threats risks vulnerabilities consequences
impacts needs priorities objectives goals targets outcomes results progress
achievements gaps obstacles barriers constraints capacities capabilities
infrastructure technologies networks systems services facilities mandates
functions responsibilities rights freedoms protection prevention response
recovery resilience preparedness accountability transparency participation
inclusion equality sovereignty integrity independence jurisdiction
competence legislation regulations enforcement compliance verification
monitoring reporting oversight governance management administration
planning budgeting financing investment trade transfer access supply
exchange sharing dissemination awareness education training research
innovation communication outreach engagement partnership solidarity
confidence trust""".split()

ADJECTIVES = """international regional national subregional global local
multilateral bilateral relevant appropriate effective efficient
comprehensive coherent coordinated integrated sustainable inclusive
equitable transparent accountable voluntary mandatory binding non-binding
technical financial legal institutional operational strategic practical
concrete timely adequate sufficient predictable reliable secure peaceful
open interoperable critical essential fundamental important significant
substantial further additional existing new emerging innovative
intergovernmental governmental non-governmental public private
independent impartial full meaningful mutual common shared collective
specific concerted enhanced strengthened improved long-term
medium-term short-term preventive responsible constructive""".split()

ADVERBS = """effectively fully further also actively urgently promptly
closely regularly consistently progressively systematically duly
adequately jointly voluntarily""".split()

INF_VERBS = """strengthen promote ensure facilitate enhance develop consider
establish support implement coordinate review address prevent protect
foster mobilize integrate improve expand maintain assess identify
encourage provide share exchange harmonize intensify accelerate advance
reinforce safeguard monitor evaluate examine explore pursue undertake
build sustain increase reduce mitigate combat eliminate""".split()

GERUNDS = """strengthening promoting ensuring facilitating enhancing developing
establishing supporting implementing coordinating reviewing addressing
preventing protecting fostering mobilizing integrating improving
expanding maintaining assessing identifying sharing harmonizing""".split()

THIRD_VERBS = ["will contribute to", "remains essential for", "should take into account",
               "shall ensure", "may facilitate", "could undermine",
               "should support", "is critical to", "can complement",
               "will depend on", "is without prejudice to", "can reinforce",
               "continues to affect", "must be consistent with",
               "can strengthen", "is indispensable for", "may affect",
               "should be guided by", "would benefit from"]

OWNERS = ["Member States", "all States", "the United Nations system",
          "the Secretary-General", "the General Assembly",
          "the Security Council", "the Economic and Social Council",
          "regional organizations", "civil society", "the private sector",
          "the international community", "developing countries",
          "least developed countries", "small island developing States",
          "States parties", "the Office of the High Commissioner",
          "the specialized agencies", "international financial institutions",
          "the Human Rights Council", "the Peacebuilding Commission"]

FIXED_NPS = ["the Charter of the United Nations", "international law",
             "international humanitarian law", "international human rights law",
             "the rule of law", "human rights and fundamental freedoms",
             "the 2030 Agenda for Sustainable Development",
             "the Sustainable Development Goals", "national legislation",
             "the principle of sovereign equality", "good governance",
             "information and communications technologies",
             "the relevant resolutions of the General Assembly",
             "the outcome of the World Summit",
             "the Universal Declaration of Human Rights",
             "the present resolution", "its previous resolutions",
             "the United Nations Convention on the Law of the Sea",
             "the Paris Agreement", "the Sendai Framework for Disaster Risk Reduction"]

MODIFIERS = ["in accordance with {np}", "with a view to {ger} {np}",
             "including through {np}", "in particular {np}",
             "in close cooperation with {own}", "taking into account {np}",
             "within existing resources", "on a voluntary basis",
             "as appropriate", "in this regard",
             "at the national, regional and international levels",
             "in a manner consistent with {np}", "bearing in mind {np}",
             "upon the request of {own}", "in consultation with {own}",
             "without prejudice to {np}", "as a matter of priority",
             "in line with {np}", "through {np}", "for the benefit of {own}",
             "in the context of {np}", "on the basis of {np}"]

PP_OPENERS_THAT = ["Recognizing", "Noting", "Noting with concern",
                   "Noting with appreciation", "Emphasizing", "Stressing",
                   "Underlining", "Bearing in mind", "Mindful",
                   "Convinced", "Deeply concerned", "Acknowledging",
                   "Considering", "Aware", "Affirming", "Reiterating",
                   "Highlighting", "Observing", "Conscious", "Reaffirming"]
PP_OPENERS_NP = ["Recalling", "Reaffirming", "Welcoming", "Taking note of",
                 "Guided by", "Expressing concern at", "Bearing in mind",
                 "Expressing appreciation for", "Noting", "Recognizing",
                 "Underlining", "Acknowledging"]

OP_LEADS_TO = ["Urges all States", "Calls upon Member States",
               "Encourages Member States", "Requests the Secretary-General",
               "Invites the relevant organizations of the United Nations system",
               "Calls upon all relevant stakeholders", "Decides",
               "Further requests the Secretary-General", "Also decides",
               "Invites Member States and regional organizations",
               "Encourages the specialized agencies",
               "Calls upon States parties", "Requests the Secretariat",
               "Urges the international community", "Resolves"]
OP_LEADS_THAT = ["Reaffirms", "Emphasizes", "Recognizes", "Stresses",
                 "Underlines", "Affirms", "Notes with concern",
                 "Acknowledges", "Reiterates", "Considers", "Also stresses",
                 "Further emphasizes", "Notes with appreciation"]
OP_LEADS_NP = ["Welcomes", "Takes note of", "Expresses its appreciation for",
               "Commends", "Encourages", "Supports", "Endorses",
               "Expresses its concern at", "Notes"]
CHAPEAUX = ["Requests the Secretary-General, within existing resources",
            "Calls upon Member States, in accordance with international law",
            "Decides that the mandate of the mechanism shall include",
            "Encourages States, as appropriate",
            "Invites the relevant organizations of the United Nations system",
            "Decides that the work programme shall comprise",
            "Urges all States, in cooperation with relevant partners",
            "Recommends that Member States consider the following measures",
            "Requests the Secretary-General to submit a report containing"]
SUB_CHAPEAUX = ["including", "in particular", "inter alia",
                "through, inter alia", "with emphasis on"]

HEADING_WORDS = ["General provisions", "International cooperation",
                 "Capacity-building and technical assistance",
                 "Follow-up and review", "Institutional arrangements",
                 "Financing", "Prevention and response",
                 "Protection of critical infrastructure",
                 "Exchange of information", "Coordination within the United Nations system",
                 "Participation of civil society", "Monitoring and reporting",
                 "Legal frameworks", "Confidence-building measures",
                 "Partnerships", "Data and statistics",
                 "Gender equality and the empowerment of women",
                 "Sustainable development", "Regional initiatives",
                 "Research and innovation", "Education and awareness",
                 "Implementation", "Programme budget implications",
                 "Oceans and the law of the sea", "Maritime security",
                 "Climate change and disaster risk reduction",
                 "Peace and security", "Human rights and the rule of law"]

TITLE_TOPICS = ["international cooperation on the protection of critical infrastructure",
                "strengthening the coordination of humanitarian assistance",
                "sustainable fisheries and the law of the sea",
                "developments in the field of information and telecommunications",
                "the promotion of a democratic and equitable international order"]


# --------------------------------------------------------------------------
# Model

class Ref:
    """A citation of another provision, written with that provision's
    number in each version: "paragraph 12 above", "subparagraph (c) of
    paragraph 7 below"."""
    __slots__ = ("target",)

    def __init__(self, target):
        self.target = target


class Prov:
    """A provision: kind is "pp", "op", "sub" (lettered) or "rom" (roman).
    Its text is lead (list of words) + segments (lists of words or Refs)
    + end (",", ";", ":")."""
    __slots__ = ("kind", "lead", "segs", "end", "children", "parent", "uid",
                 "cites", "cited", "state", "label_old", "label_new")

    def __init__(self, kind, lead, segs, end):
        self.kind = kind
        self.lead = lead
        self.segs = segs
        self.end = end
        self.children = []
        self.parent = None
        self.uid = None
        self.cites = False   # its text holds a Ref
        self.cited = False   # some Ref points at it
        self.state = None    # None, "edit" (takes part in an edit), "near"
        self.label_old = None
        self.label_new = None


class Heading:
    __slots__ = ("text",)
    kind = "heading"

    def __init__(self, text):
        self.text = text


def letters(n):
    """1 -> a, 26 -> z (lists here stay far below 26)."""
    return "abcdefghijklmnopqrstuvwxyz"[n - 1]


def roman(n):
    vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


# --------------------------------------------------------------------------
# Text generation

class Writer:
    def __init__(self, rng):
        self.r = rng
        self.seen = set()   # texts made so far: no two provisions alike

    def unique(self, make):
        while True:
            p = make()
            key = (tuple(p.lead), tuple(tuple(s) for s in p.segs))
            if key not in self.seen:
                self.seen.add(key)
                return p

    def np(self, depth=0):
        r = self.r
        x = r.random()
        if x < 0.15:
            return r.choice(FIXED_NPS).split()
        words = []
        y = r.random()
        if y < 0.35:
            words.append("the")
        elif y < 0.5:
            words.append(r.choice(["their", "its", "all", "such", "any"]))
        if r.random() < 0.6:
            words.append(r.choice(ADJECTIVES))
            if r.random() < 0.25:
                a2 = r.choice(ADJECTIVES)
                if a2 != words[-1]:
                    words.append("and")
                    words.append(a2)
        words.append(r.choice(NOUNS))
        if depth < 2 and r.random() < 0.45:
            words.append(r.choice(["of", "for", "on", "to", "among", "by"]))
            if r.random() < 0.3:
                words.extend(r.choice(OWNERS).split())
            else:
                words.extend(self.np(depth + 1))
        return words

    def modifier(self):
        r = self.r
        m = r.choice(MODIFIERS)
        out = []
        for w in m.split():
            if w == "{np}":
                out.extend(self.np(1))
            elif w == "{own}":
                out.extend(r.choice(OWNERS).split())
            elif w == "{ger}":
                out.append(r.choice(GERUNDS))
            else:
                out.append(w)
        return out

    def predicate(self, style):
        """One segment: "to strengthen X ...", "that X requires Y ..." or
        a noun phrase, with 0 to 2 modifiers."""
        r = self.r
        if style == "to":
            seg = ["to"]
            if r.random() < 0.2:
                seg.append(r.choice(ADVERBS))
            seg.append(r.choice(INF_VERBS))
            seg.extend(self.np())
        elif style == "that":
            seg = ["that"] + self.np() + r.choice(THIRD_VERBS).split() + self.np()
        elif style == "prep":
            seg = [r.choice(["for", "of", "on", "in", "concerning"])] + self.np()
        else:
            seg = self.np()
        for _ in range(r.choice((0, 1, 1, 2))):
            seg[-1] += ","
            seg.extend(self.modifier())
        return seg

    def body(self, lead, style, target_words, cap=70):
        """Segments after lead until the text has about target_words, at
        least 15 and at most cap (70 leaves room for a citation within 80)."""
        segs = []
        n = len(lead)
        while True:
            seg = self.predicate(style)
            if segs:
                seg = ["and"] + seg
            if segs and n + len(seg) > cap:
                if n >= 15:
                    break
                continue
            segs.append(seg)
            n += len(seg)
            if n >= target_words:
                break
            # a long first segment may stand alone
            if n >= 15 and self.r.random() < 0.15:
                break
        return segs

    def pad(self, words, least=15):
        """Modifiers after words until there are at least `least`."""
        while len(words) < least:
            words[-1] += ","
            words.extend(self.modifier())
        return words

    def length(self):
        # 15 to 80 words, most between 25 and 50
        r = self.r
        return max(15, min(80, int(r.triangular(15, 80, 32))))

    def pp(self):
        r = self.r
        if r.random() < 0.6:
            lead = r.choice(PP_OPENERS_THAT).split()
            style = "that"
        else:
            lead = r.choice(PP_OPENERS_NP).split()
            style = "np"
            if lead[0] == "Recalling" and r.random() < 0.5:
                session = r.randint(40, 79)
                lead = lead + ["its", "resolution", "%d/%d" % (session, r.randint(1, 320)),
                               "of", "%d" % r.randint(1, 28),
                               r.choice(["November", "December"]),
                               "%d" % (1945 + session), "on"]
        return Prov("pp", lead, self.body(lead, style, self.length()), ",")

    def op(self):
        r = self.r
        x = r.random()
        if x < 0.55:
            lead, style = r.choice(OP_LEADS_TO).split(), "to"
        elif x < 0.85:
            lead, style = r.choice(OP_LEADS_THAT).split(), "that"
        else:
            lead, style = r.choice(OP_LEADS_NP).split(), "np"
        return Prov("op", lead, self.body(lead, style, self.length()), ";")

    def chapeau(self):
        r = self.r
        return Prov("op", self.pad(r.choice(CHAPEAUX).split()), [], ":")

    def sub(self):
        r = self.r
        if r.random() < 0.7:
            lead, style = ["To", r.choice(INF_VERBS)], "np"
        else:
            w = self.np(2)
            lead, style = ["The"] + w[1:] if w[0] == "the" else [w[0].capitalize()] + w[1:], "prep"
        n = max(15, min(60, int(r.triangular(15, 60, 24))))
        return Prov("sub", lead, self.body(lead, style, n, 60), ";")

    def sub_chapeau(self):
        p = self.sub()
        p.segs = p.segs[:1]
        self.pad(p.segs[0], 14 - len(p.lead))
        p.segs[0][-1] += ","
        p.segs[0] = p.segs[0] + [self.r.choice(SUB_CHAPEAUX)]
        p.end = ":"
        return p

    def rom(self):
        r = self.r
        w = self.np(2)
        lead = ["The"] + w[1:] if w[0] == "the" else [w[0].capitalize()] + w[1:]
        n = max(15, min(40, int(r.triangular(15, 40, 18))))
        return Prov("rom", lead, self.body(lead, "to", n, 48), ";")


# --------------------------------------------------------------------------
# Documents

class Draft:
    def __init__(self):
        self.title = ""
        self.pp = []      # preambular paragraphs
        self.body = []    # Heading and op Prov, in order


def text_words(p, numbers):
    """The words of p's text, with citations written using numbers
    (uid -> (op number, letter or None))."""
    out = list(p.lead)
    for i, seg in enumerate(p.segs):
        if i:
            out[-1] += ","
        for w in seg:
            if isinstance(w, Ref):
                out.extend(cite(w, p, numbers))
            else:
                out.append(w)
    return out


def cite(ref, p, numbers):
    t = ref.target
    tn, tl = numbers[t.uid]
    pn, _ = numbers[p.uid]
    where = "above" if (tn, tl or "") < (pn, numbers[p.uid][1] or "") else "below"
    if tl:
        return ["subparagraph", "(%s)" % tl, "of", "paragraph", str(tn), where]
    return ["paragraph", str(tn), where]


def number(draft, attr):
    """Set label_old or label_new on every provision; return uid ->
    (op number, letter) for citations."""
    numbers = {}
    for i, p in enumerate(draft.pp, 1):
        setattr(p, attr, "PP%d" % i)
        numbers[p.uid] = (0, None)
    n = 0
    for p in draft.body:
        if isinstance(p, Heading):
            continue
        n += 1
        setattr(p, attr, str(n))
        numbers[p.uid] = (n, None)
        for j, s in enumerate(p.children, 1):
            setattr(s, attr, "%d(%s)" % (n, letters(j)))
            numbers[s.uid] = (n, letters(j))
            for k, t in enumerate(s.children, 1):
                setattr(t, attr, "%d(%s)(%s)" % (n, letters(j), roman(k)))
                numbers[t.uid] = (n, letters(j))
    return numbers


def render(draft, attr):
    numbers = number(draft, attr)
    out = [draft.title, "", "The General Assembly,", ""]

    def para(marker, p):
        words = text_words(p, numbers)
        out.append((marker + " " if marker else "") + " ".join(words) + p.end)
        out.append("")

    for p in draft.pp:
        para("", p)
    n = 0
    for p in draft.body:
        if isinstance(p, Heading):
            out.append(p.text)
            out.append("")
            continue
        n += 1
        para("%d." % n, p)
        for j, s in enumerate(p.children, 1):
            para("(%s)" % letters(j), s)
            for k, t in enumerate(s.children, 1):
                para("(%s)" % roman(k), t)
    # the last operative paragraph ends with a full stop
    last = out[-2]
    if last.endswith(";"):
        out[-2] = last[:-1] + "."
    return "\n".join(out[:-1]) + "\n", numbers


def all_provs(draft):
    for p in draft.pp:
        yield p
    for p in draft.body:
        if isinstance(p, Heading):
            continue
        yield p
        for s in p.children:
            yield s
            for t in s.children:
                yield t


def build_old(rng, size):
    w = Writer(rng)
    d = Draft()
    d.title = "Draft resolution on " + rng.choice(TITLE_TOPICS)
    uid = [0]

    def new(p):
        uid[0] += 1
        p.uid = uid[0]
        return p

    # About 330 bytes a provision; a tenth of them preambular (at least 8).
    est = max(30, size // 330)
    npp = max(8, est // 10)
    total = len(d.title) + 30
    for _ in range(npp):
        p = new(w.unique(w.pp))
        d.pp.append(p)
        total += 4 + sum(len(x) + 1 for x in p.lead) + sum(len(x) + 1 for s in p.segs for x in s)
    since_heading = 1 << 30
    ops = []
    while total < size:
        if since_heading > rng.randint(12, 45):
            h = Heading(rng.choice(HEADING_WORDS))
            d.body.append(h)
            total += len(h.text) + 2
            since_heading = 0
        if rng.random() < 0.12:
            p = new(w.unique(w.chapeau))
            nsub = rng.randint(2, 7)
            for j in range(nsub):
                # roman items only under (a) to (e), never under a letter
                # that could become (h), (i) being ambiguous after it
                if j < 5 and rng.random() < 0.15:
                    s = new(w.unique(w.sub_chapeau))
                    for _ in range(rng.randint(2, 4)):
                        t = new(w.unique(w.rom))
                        t.parent = s
                        s.children.append(t)
                else:
                    s = new(w.unique(w.sub))
                s.parent = p
                p.children.append(s)
        else:
            p = new(w.unique(w.op))
        d.body.append(p)
        ops.append(p)
        since_heading += 1
        for q in [p] + p.children + [t for s in p.children for t in s.children]:
            total += 6 + sum(len(x) + 1 for x in q.lead) + sum(len(x) + 1 for s in q.segs for x in s)
    add_citations(rng, d, ops, w)
    return d, uid[0], w


def add_citations(rng, d, ops, w):
    """About 8% of operative paragraphs and sub-items cite an earlier
    paragraph or sub-item, a few a later one."""
    if len(ops) < 10:
        return
    n = max(5, len(ops) // 12)
    cands = [p for p in ops if not p.children] + [s for p in ops for s in p.children if not s.children]
    rng.shuffle(cands)
    index = {p.uid: i for i, p in enumerate(ops)}
    made = 0
    for q in cands:
        if made >= n:
            break
        if q.cites or q.cited:
            continue
        qi = index[(q.parent or q).uid]
        below = rng.random() < 0.15
        lo, hi = (qi + 1, min(len(ops) - 1, qi + 40)) if below else (max(0, qi - 60), qi - 1)
        if lo > hi:
            continue
        target_op = ops[rng.randint(lo, hi)]
        target = target_op
        if target_op.children and rng.random() < 0.6:
            target = rng.choice(target_op.children)
        if target.cites or target is q:
            continue
        phrase = rng.choice([["as", "referred", "to", "in"], ["pursuant", "to"],
                             ["in", "accordance", "with"], ["as", "set", "out", "in"],
                             ["consistent", "with"]])
        seg = q.segs[rng.randrange(len(q.segs))]
        seg[-1] += ","
        seg.extend(phrase + [Ref(target)])
        q.cites = True
        target.cited = True
        made += 1


# --------------------------------------------------------------------------
# Edits

KINDS = ("modified", "added", "removed", "moved", "split", "merged")
WEIGHTS = {"modified": 0.40, "added": 0.12, "removed": 0.12, "moved": 0.12,
           "split": 0.12, "merged": 0.12}


def sibling_lists(d):
    """Every list of siblings: (name, list, its kind)."""
    yield d.pp
    yield d.body
    for p in d.body:
        if isinstance(p, Heading):
            continue
        if p.children:
            yield p.children
            for s in p.children:
                if s.children:
                    yield s.children


def is_leaf_free(p):
    return isinstance(p, Prov) and not p.children and p.state is None \
        and not p.cites and not p.cited


def neighbours(lst, i):
    """The provisions next to lst[i] (headings skipped: they separate)."""
    out = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(lst) and isinstance(lst[j], Prov):
            out.append(lst[j])
    return out


def reword(rng, p, w):
    """1 to 4 word operations on p's segments (never its citation, never
    its closing punctuation); False if the text came out the same."""
    before = (list(p.lead), [list(s) for s in p.segs])
    _reword(rng, p)
    if (p.lead, p.segs) == before:
        return False
    return True


ADJ_SET = frozenset(ADJECTIVES)
NOUN_SET = frozenset(NOUNS)
INF_SET = frozenset(INF_VERBS)
GER_SET = frozenset(GERUNDS)
ADV_SET = frozenset(ADVERBS)


def _reword(rng, p):
    """Word operations a drafter makes: a noun, adjective or verb replaced
    by another of its kind, an adjective put before a noun or an adverb
    before a verb, an adjective or adverb struck out."""
    words_total = len(p.lead) + sum(len(s) for s in p.segs)
    nops = rng.randint(1, max(1, min(4, words_total // 12)))
    # a chapeau has no segments: its opening words are reworded
    lists = p.segs if p.segs else [p.lead]
    done = 0
    tries = 0
    while done < nops and tries < 200:
        tries += 1
        words = lists[rng.randrange(len(lists))]
        i = rng.randrange(len(words))
        wd = words[i]
        if isinstance(wd, Ref) or (i + 1 < len(words) and isinstance(words[i + 1], Ref)):
            continue
        core, tail = (wd[:-1], ",") if wd.endswith(",") else (wd, "")
        op = rng.random()
        if op < 0.5:
            for pool, members in ((ADJECTIVES, ADJ_SET), (NOUNS, NOUN_SET),
                                  (INF_VERBS, INF_SET), (GERUNDS, GER_SET)):
                if core in members:
                    break
            else:
                continue
            nw = rng.choice(pool)
            if nw == core:
                continue
            words[i] = nw + tail
        elif op < 0.8:
            if core in NOUN_SET:
                words.insert(i, rng.choice(ADJECTIVES))
            elif core in INF_SET and i > 0 and words[i - 1] == "to":
                words.insert(i, rng.choice(ADVERBS))
            else:
                continue
        else:
            if tail or len(words) < 4 or not (core in ADJ_SET or core in ADV_SET):
                continue
            if i + 1 < len(words) and words[i + 1] == "and":
                continue
            if i > 0 and words[i - 1] == "and":
                continue
            del words[i]
        done += 1
    return done > 0


def apply_edits(rng, d, n_prov, rate, min_per_kind, w, next_uid):
    """Choose and apply the edits on d (in place). Returns the list of
    (kind, old provs, new provs)."""
    lists = list(sibling_lists(d))
    wanted = {}
    total = max(int(n_prov * rate), min_per_kind * len(KINDS))
    for k in KINDS:
        wanted[k] = max(min_per_kind, int(round(total * WEIGHTS[k])))
    # the last operative paragraph and its neighbour stay as they are
    ops = [p for p in d.body if isinstance(p, Prov)]
    for p in ops[-2:]:
        for q in [p] + p.children + [t for s in p.children for t in s.children]:
            q.state = "near"
    edits = []
    uid = [next_uid]

    def fresh(p):
        uid[0] += 1
        p.uid = uid[0]
        return p

    def mark(lst, i, *extra):
        lst[i].state = "edit"
        for q in neighbours(lst, i):
            if q.state is None:
                q.state = "near"
        for q in extra:
            q.state = "edit"

    # sub-item and roman lists get at most one structural edit each, so
    # letters never run past (h) and an item with roman sub-items never
    # ends up as (h)
    small_done = set()

    def pick_list(kind):
        """A sibling list, weighted by length."""
        weights = [len(l) for l in lists]
        return rng.choices(lists, weights=weights)[0]

    def structural_ok(lst):
        return lst is d.pp or lst is d.body or id(lst) not in small_done

    def new_like(lst):
        sample = next(p for p in lst if isinstance(p, Prov))
        return fresh(w.unique({"pp": w.pp, "op": w.op, "sub": w.sub, "rom": w.rom}[sample.kind]))

    plan_moves = []   # (prov, anchor): put prov before anchor
    plan_adds = []    # (new prov, anchor or None=end of list, list)
    for kind in ("merged", "split", "moved", "removed", "added", "modified"):
        got = 0
        attempts = 0
        while got < wanted[kind] and attempts < wanted[kind] * 200 + 1000:
            attempts += 1
            lst = pick_list(kind)
            if kind != "modified" and not structural_ok(lst):
                continue
            i = rng.randrange(len(lst))
            p = lst[i]
            if kind == "modified":
                if not isinstance(p, Prov) or p.state is not None:
                    continue
                if not reword(rng, p, w):
                    continue
                mark(lst, i)
                p.state = "edit"
                edits.append(["modified", [p], [p]])
            elif kind == "removed":
                if not is_leaf_free(p) or len(lst) < 3:
                    continue
                mark(lst, i)
                edits.append(["removed", [p], []])
            elif kind == "split":
                if not is_leaf_free(p) or len(p.segs) < 2:
                    continue
                k = rng.randint(1, len(p.segs) - 1)
                a = fresh(Prov(p.kind, list(p.lead), [list(s) for s in p.segs[:k]], p.end))
                tail = [list(s) for s in p.segs[k:]]
                if tail[0] and tail[0][0] == "and":
                    tail[0] = tail[0][1:]
                b = fresh(Prov(p.kind, list(p.lead), tail, p.end))
                a.parent = b.parent = p.parent
                mark(lst, i)
                edits.append(["split", [p], [a, b]])
            elif kind == "merged":
                if i + 1 >= len(lst):
                    continue
                q = lst[i + 1]
                if not (is_leaf_free(p) and is_leaf_free(q)) or len(lst) < 3:
                    continue
                lead2 = [q.lead[0].lower()] + q.lead[1:]
                segs = [list(s) for s in p.segs] + [["and"] + lead2 + list(q.segs[0])] + \
                       [list(s) for s in q.segs[1:]]
                m = fresh(Prov(p.kind, list(p.lead), segs, p.end))
                m.parent = p.parent
                mark(lst, i)
                mark(lst, i + 1)
                edits.append(["merged", [p, q], [m]])
            elif kind == "moved":
                if not is_leaf_free(p) or len(lst) < 5:
                    continue
                # an anchor at least 3 places away, left alone, so that the
                # moved provision lands between unedited neighbours
                js = [j for j in range(len(lst)) if j >= i + 4 or j <= i - 3]
                if not js:
                    continue
                j = rng.choice(js)
                a = lst[j]
                if not isinstance(a, Prov) or a.state is not None:
                    continue
                prev = lst[j - 1] if j > 0 else None
                if isinstance(prev, Prov) and prev.state == "edit":
                    continue
                mark(lst, i)
                a.state = "near"
                if isinstance(prev, Prov) and prev.state is None:
                    prev.state = "near"
                plan_moves.append((p, a))
                edits.append(["moved", [p], [p]])
            elif kind == "added":
                if not isinstance(p, Prov) or p.state is not None:
                    continue
                prev = lst[i - 1] if i > 0 else None
                if isinstance(prev, Prov) and prev.state == "edit":
                    continue
                n = new_like(lst)
                n.parent = p.parent
                p.state = "near"
                if isinstance(prev, Prov) and prev.state is None:
                    prev.state = "near"
                plan_adds.append((n, p))
                edits.append(["added", [], [n]])
            else:
                raise AssertionError(kind)
            if kind != "modified" and not (lst is d.pp or lst is d.body):
                small_done.add(id(lst))
            got += 1
        if got < wanted[kind]:
            print("generate.py: only %d of %d %s edits found room" % (got, wanted[kind], kind),
                  file=sys.stderr)

    # Apply: rebuild every sibling list.
    before = {}
    for n, a in plan_adds:
        before.setdefault(id(a), []).append(n)
    for p, a in plan_moves:
        before.setdefault(id(a), []).append(p)
    drop = set()
    replace = {}
    for kind, old, new in edits:
        if kind in ("removed", "moved"):
            drop.add(id(old[0]))
        elif kind == "split":
            replace[id(old[0])] = new
        elif kind == "merged":
            replace[id(old[0])] = new
            drop.add(id(old[1]))
    for lst in lists:
        out = []
        for p in lst:
            out.extend(before.get(id(p), []))
            if id(p) in replace:
                out.extend(replace[id(p)])
            elif id(p) not in drop:
                out.append(p)
        lst[:] = out
    return edits


# --------------------------------------------------------------------------
# Light edits (--light)

# verbs after a modal ("could undermine") that are not in INF_VERBS: they
# are replaced by an infinitive too
LIGHT_VERBS = INF_SET | frozenset(["undermine", "complement", "affect", "contribute"])
# verbs an adverb may be put before ("shall also comprise")
LIGHT_ADV_VERBS = LIGHT_VERBS | frozenset(["include", "comprise", "submit"])
MODALS = ["will", "shall", "may", "could", "should", "can", "would", "must"]
MODAL_SET = frozenset(MODALS)
DETERMINERS = frozenset(["the", "its", "their", "all", "such", "any"])
LIGHT_REPLACE = ((ADJECTIVES, ADJ_SET), (NOUNS, NOUN_SET), (INF_VERBS, LIGHT_VERBS),
                 (GERUNDS, GER_SET), (MODALS, MODAL_SET))
# the nouns of the set phrases of MODIFIERS ("for the benefit of", "in this
# regard"), for provisions made of those phrases only: each is replaced by
# one that fits the same phrase
LIGHT_PREPS = ["of", "for", "on", "among", "by"]
NAME_ADJECTIVES = ["relevant", "existing"]
CONSONANT_ADJECTIVES = [x for x in ADJECTIVES if x[0] not in "aeiou"]
PHRASE_NOUNS = {"benefit": ["interest"], "interest": ["benefit"],
                "request": ["invitation"], "invitation": ["request"],
                "consultation": ["coordination", "partnership"],
                "coordination": ["consultation", "partnership"],
                "partnership": ["consultation", "coordination"],
                "regard": ["respect"], "respect": ["regard"],
                "priority": ["urgency"], "urgency": ["priority"],
                "manner": ["way"], "way": ["manner"],
                "previous": ["relevant", "earlier"], "earlier": ["previous", "relevant"],
                "system": ["family"], "family": ["system"],
                "report": ["study"], "study": ["report"],
                "Agreement": ["Accord"], "Accord": ["Agreement"]}


def light_protected(p):
    """How many of p's first words a light edit leaves alone, in the
    order tried: the first five, or the whole opening ("Invites the
    relevant organizations of the United Nations system") when segments
    follow a longer one; for the few provisions that leave no room past
    that, the opening words only ("To eliminate", "Acknowledging"), all
    that split halves share there; and as a last resort (not met in the
    seeds tried) the first word only."""
    if not p.segs:
        return (5, 1)
    return (max(5, len(p.lead)), len(p.lead), 1)


def light_slots(p, keep):
    """The words a light edit may touch: (list, index) for every word of
    p.lead + p.segs past the first `keep`, not a citation and not the
    word just before one.  A citation counts as one word here (it is
    three or six when written), which only protects more."""
    flat = [(words, i) for words in [p.lead] + list(p.segs) for i in range(len(words))]
    out = []
    for words, i in flat[keep:]:
        wd = words[i]
        if isinstance(wd, Ref) or (i + 1 < len(words) and isinstance(words[i + 1], Ref)):
            continue
        out.append((words, i))
    return out


def _core(wd):
    return (wd[:-1], ",") if wd.endswith(",") else (wd, "")


def _near(words, i):
    """The words either side of words[i], without their commas."""
    return {_core(words[j])[0] for j in (i - 1, i + 1)
            if 0 <= j < len(words) and not isinstance(words[j], Ref)}


def light_room(p, keep):
    """The candidate replacements and insertions past the first `keep`
    words, each the best tier that has any:

    replace  a noun, adjective, infinitive (or verb after a modal),
             gerund or modal by another of its list; failing those, the
             noun of a set phrase ("for the benefit of" -> "interest");
             failing those, a preposition ("for", "of", ...) by another;
    insert   an adjective before a noun, or an adverb between "to" (or a
             modal) and its verb; failing those, an adjective before an
             adjective or after "the", "its", "a", ...; failing those,
             "relevant" or "existing" before a name after "the" ("the
             Paris Agreement")."""
    reps = ([], [], [])
    ins = ([], [], [])
    for words, i in light_slots(p, keep):
        core, tail = _core(words[i])
        prev = words[i - 1] if i > 0 and not isinstance(words[i - 1], Ref) else ""
        for pool, members in LIGHT_REPLACE:
            if core in members:
                reps[0].append((words, i, core, tail, pool))
                break
        else:
            if core in PHRASE_NOUNS:
                reps[1].append((words, i, core, tail, PHRASE_NOUNS[core]))
            elif core in LIGHT_PREPS and not tail:
                reps[2].append((words, i, core, tail, LIGHT_PREPS))
        if core in NOUN_SET:
            ins[0].append((words, i, ADJECTIVES))
        elif core in LIGHT_ADV_VERBS and (prev == "to" or prev in MODAL_SET):
            ins[0].append((words, i, ADVERBS))
        elif core in ADJ_SET and prev != "and":
            ins[1].append((words, i, ADJECTIVES))
        elif prev in DETERMINERS and core[:1].islower():
            ins[1].append((words, i, ADJECTIVES))
        elif prev == "a" and core[:1].islower():
            ins[1].append((words, i, CONSONANT_ADJECTIVES))
        elif prev in ("the", "its", "their") and (core[:1].isupper() or core[:1].isdigit()):
            ins[2].append((words, i, NAME_ADJECTIVES))
    return next((r for r in reps if r), []), next((x for x in ins if x), [])


def _light_once(rng, p, keep):
    """One word replaced and one inserted past the first `keep` words, on
    p in place; False when there is no room for both (p may then be half
    edited: the caller restores it)."""
    reps, _ = light_room(p, keep)
    if not reps:
        return False
    words, i, core, tail, pool = reps[rng.randrange(len(reps))]
    near = _near(words, i)
    choices = [x for x in pool if x != core and x not in near] or \
        [x for x in pool if x != core]
    words[i] = rng.choice(choices) + tail
    # the insertion is looked for after the replacement; its index is past
    # `keep`, so the protected words stay the first words
    _, ins = light_room(p, keep)
    if not ins:
        return False
    words, i, pool = ins[rng.randrange(len(ins))]
    near = _near(words, i) | {_core(words[i])[0]}
    choices = [x for x in pool if x not in near]
    if not choices:
        return False
    words.insert(i, rng.choice(choices))
    return True


def light_edits(rng, d, numbers, old_texts):
    """Lightly edit every provision of d (the new version) in document
    order; old_texts: the texts of the old version, which no new text may
    equal either.  Returns (provisions edited, those of them edited within
    their first five words for want of room past them)."""
    provs = list(all_provs(d))
    current = {}
    for p in provs:
        current.setdefault(" ".join(text_words(p, numbers)), []).append(p.uid)
    done = short = 0
    for p in provs:
        plain = " ".join(text_words(p, numbers))
        saved = (list(p.lead), [list(s) for s in p.segs])
        text = None
        for keep in light_protected(p):
            for _ in range(100):
                if _light_once(rng, p, keep):
                    text = " ".join(text_words(p, numbers))
                    if text not in old_texts and text not in current:
                        break
                text = None
                p.lead[:] = saved[0]
                for s, t in zip(p.segs, saved[1]):
                    s[:] = t
            if text is not None:
                short += keep < 5
                break
        if text is None:
            raise SystemExit("generate.py: no light edit found for a provision: %s" % plain)
        current[plain].remove(p.uid)
        if not current[plain]:
            del current[plain]
        current.setdefault(text, []).append(p.uid)
        done += 1
    return done, short


# --------------------------------------------------------------------------

def parse_size(s):
    s = s.strip().lower()
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1000 * 1000, s[:-1]
    return int(float(s) * mult)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="100k", help="about this many bytes per draft: 100k, 1m, 10m, 250000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.03,
                    help="edits per provision (default 0.03)")
    ap.add_argument("--min-per-kind", type=int, default=4,
                    help="at least this many edits of each kind (default 4)")
    ap.add_argument("--light", action="store_true",
                    help="also lightly edit every provision of the new version "
                         "(one word replaced, one inserted; not true edits)")
    ap.add_argument("--out", required=True, help="directory for old.txt, new.txt, truth.json")
    a = ap.parse_args()

    t0 = time.time()
    size = parse_size(a.size)
    rng = random.Random("normdiff-bench:%d:%d" % (a.seed, size))
    d, last_uid, w = build_old(rng, size)
    old_text, _ = render(d, "label_old")
    old_provs = list(all_provs(d))
    # snapshot of the old texts of kept provisions, for the "kept" list
    old_text_of = {}
    numbers_old = number(d, "label_old")
    for p in old_provs:
        old_text_of[p.uid] = " ".join(text_words(p, numbers_old))
    edits = apply_edits(rng, d, len(old_provs), a.rate, a.min_per_kind, w, last_uid)
    # the new texts as the true edits left them, for the "kept" list (light
    # edits change neither the structure nor the numbers)
    numbers_new = number(d, "label_new")
    plain_new_of = {p.uid: " ".join(text_words(p, numbers_new)) for p in all_provs(d)}
    n_light = n_light_short = 0
    if a.light:
        lrng = random.Random("normdiff-bench-light:%d:%d" % (a.seed, size))
        n_light, n_light_short = light_edits(lrng, d, numbers_new, set(old_text_of.values()))
    new_text, numbers_new = render(d, "label_new")

    edited = set()
    records = []
    for kind, old, new in edits:
        for p in old:
            edited.add(p.uid)
        for p in new:
            edited.add(p.uid)
        records.append({"kind": kind,
                        "old": [p.label_old for p in old],
                        "new": [p.label_new for p in new]})
    # document order of the new version, then the old
    order_new = {p.uid: i for i, p in enumerate(all_provs(d))}
    order_old = {p.uid: i for i, p in enumerate(old_provs)}

    def key(e):
        k, old, new = e
        if new:
            return (order_new[new[0].uid], 0)
        return (order_old[old[0].uid], 1)
    pairs = sorted(zip(edits, records), key=lambda x: key(x[0]))
    records = [r for _, r in pairs]

    counts = {k: 0 for k in KINDS}
    for r in records:
        counts[r["kind"]] += 1
    kept = []
    renumbered = 0
    xref = 0
    for p in all_provs(d):
        if p.uid in edited:
            continue
        changed = plain_new_of[p.uid] != old_text_of[p.uid]
        kept.append([p.label_old, p.label_new] + (["xref"] if changed else []))
        renumbered += p.label_old != p.label_new
        xref += changed

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "old.txt"), "w", encoding="utf-8") as f:
        f.write(old_text)
    with open(os.path.join(a.out, "new.txt"), "w", encoding="utf-8") as f:
        f.write(new_text)
    truth = {
        "format": "normdiff-bench-truth", "version": 1,
        "generator": {"seed": a.seed, "size": size, "rate": a.rate,
                      "min_per_kind": a.min_per_kind},
        "old": {"file": "old.txt", "bytes": len(old_text.encode()),
                "provisions": len(old_provs),
                "sha256": hashlib.sha256(old_text.encode()).hexdigest()},
        "new": {"file": "new.txt", "bytes": len(new_text.encode()),
                "provisions": len(order_new),
                "sha256": hashlib.sha256(new_text.encode()).hexdigest()},
        "counts": dict(counts, total=len(records)),
    }
    if a.light:
        truth["light"] = True
        truth["light_edited"] = n_light
        truth["light_within_five"] = n_light_short
    truth.update({
        "kept_total": len(kept), "kept_renumbered": renumbered,
        "kept_citation_renumbered": xref,
        "edits": records,
        "kept": kept,
    })
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("generate.py: %s: %d + %d bytes, %d -> %d provisions, %d edits %s, "
          "%d kept (%d renumbered, %d with renumbered citations)%s, %.2f s"
          % (a.out, truth["old"]["bytes"], truth["new"]["bytes"], len(old_provs),
             len(order_new), len(records),
             " ".join("%s=%d" % (k, counts[k]) for k in KINDS),
             len(kept), renumbered, xref,
             ", %d provisions lightly edited (%d short ones within their first five words)"
             % (n_light, n_light_short) if a.light else "",
             time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
