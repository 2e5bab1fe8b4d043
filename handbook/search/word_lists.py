"""Word lists the search page needs to judge a query word, kept apart from the search code.

* ``FILLERS``: words a question carries that say nothing about its topic
  ("how", "my", "should"); they are dropped from a query.
* ``COMMON_WORDS``: everyday English words a patient types ("cant", "stand",
  "went"), and the everyday words of a patient's story in
  ``everyday-words.txt`` ("basket", "weekend", "killing"). The search page never "corrects" one into another word ("cant" is
  not "cat"), and one the handbook never uses counts for little when it judges
  whether any article matches the query well.
* ``PROTECTED_TERMS``: medical words that look like other medical words
  ("spondylitis" and "spondylosis" are different diseases). The search page
  never corrects a protected word, or a word with a medical ending ("-itis",
  "-osis", ...) into a word with a different one: it says it has no article
  instead of silently answering about another disease.
* ``ELSEWHERE``: parts of the body away from the spine, and away from where
  back pain spreads (the buttock, leg and foot, the neck and arm). A query
  naming one ("knee replacement", "frozen shoulder") is about that part of
  the body: a page is an answer only if its book-index entries, title or
  description name the part too, not when its text mentions it in passing.
* ``OTHER_CONDITIONS``: everyday names of conditions and health topics of
  the rest of the body, by body system (``other-conditions.txt``, which says
  what it leaves out and why). A query naming one ("kidney stones", "tennis
  elbow") is about that condition, judged like a part of the body away from
  the spine: the search answers it with a page only if the page names the
  condition in its book-index entries, title or description, and otherwise
  says it has no article on it. A word of the list is never "corrected" into
  another.
* ``HEDGES``: words that only soften or stress ("actually", "really"); a
  query is read without them, so "what actually works for back pain" is the
  phrase "what works for back pain".
* ``PRODUCTS``: kinds of things sold for back pain ("mattress", "gel",
  "tens"). A word the handbook does not know just before one ("tempur
  mattress", "teeter inversion table", "omron tens") is most likely its brand:
  a detail of the query, not a topic the handbook lacks.
* ``SPREADS_TO``: where a problem of a part of the spine is felt away from it.
  A query naming both ("neck and shoulder pain", "neck ache with pins and
  needles in my fingers") is about the spine, so those parts are not
  ``ELSEWHERE`` in it. The neck article says its nerves "go to your
  shoulders, arms and hands".
"""

from __future__ import annotations

import re
from pathlib import Path


def _names(file: str) -> list[str]:
    """One name a line, as the search page reads a query (lower case, no apostrophes); "#" lines are comments."""
    lines = (Path(__file__).with_name(file).read_text(encoding="utf-8")).splitlines()
    names = (" ".join(re.split(r"[^\w]+", line.lower().replace("'", "").replace("\u2019", ""))).strip() for line in lines)
    return sorted({name for name, line in zip(names, lines, strict=True) if name and not line.startswith("#")})


FILLERS = sorted(
    """a about am an and any are as at be been best better but by can could did do does doing
    for from get getting go going good got had has have help helps how i if i'm im in into is it
    its just know me might more most much my need of on or out should so some than that the their
    them then there these they this to too up us very was way we were what when where which while
    who why will with worth would you your having actually""".split()
)

COMMON_WORDS = sorted(
    set(
        """cant dont wont isnt doesnt didnt wasnt arent havent couldnt shouldnt wouldnt ive id ill
        youre theyre thats whats theres lets
        again all also always another anything anyone around away back bad badly because before
        being below between big bit both came come comes coming day days done down each easy else
        even ever every far feel feeling feels felt few find first fine found gave give given goes
        gone gets great guy guys had hand happen happened happens hard head hear her here him his
        home hour hours house hurt hurting hurts idea keep keeps kind kinds last later least left
        less let life like little long look looking looks lot lots low made make makes making man
        many may maybe mean means month months morning much must near never new next nice night
        nothing now off often ok okay old once one only other others over own part people person
        place please pretty put puts quite rather real really right said same saw say says see
        seem seems seen set she since small something sometimes soon sort start started still
        stop stopped stuff sure take taken takes taking tell than thank thanks thing things think
        though thought three through time times today told took top two under until use used using
        want wanted wants watch week weeks well went whole wife husband woman women work worked
        works worse worst year years yes yet young
        after already ache aches aching bend bending bent carry carrying cat chair couch drive
        driving fall fell floor get getting lie lying lift lifted lifting move moving pick picked
        push pull pulled reach run running sat sit sitting sleep sleeping stand standing stood
        straight stretch sudden suddenly turn turning twist twisted walk walking wake waking
        up over under bed car desk job kids baby dog garden gym school shop shopping office
        near me mine their there ago yesterday tomorrow tonight ring phone number call
        threw throw thrown throwing locked lock drop dropped broke broken heavy boxes box bags bag
        shopping trolley cart lean leaning stairs climb climbing hold holding feet foot leg legs arm
        arms shoulder shoulders knee knees hip hips neck side sides front behind inside outside
        upper lower middle hot cold warm wet dry better worse help helped helping stuck sore tired
        plus tips ways advice options technique techniques info information remedies remedy ideas guide
        express rapid extra strength original
        grab grabbed sock socks shoe shoes shoelace shoelaces laces tie tying garden gardening
        housework hoovering vacuuming cleaning washing ironing kettle groceries pram toddler
        grandchild grandchildren sneeze sneezed sneezing
        nan nana nanna gran granny grandma grandmother grandad grandpa grandfather mum mom mother dad
        father son daughter daughters sister brother partner friend
        thigh thighs calf calves shin shins""".split()
    )
    | set(_names("everyday-words.txt"))
)

PROTECTED_TERMS = sorted(
    """ankylosing spondylitis spondylosis spondylolisthesis spondylolysis spondyloarthritis
    scoliosis kyphosis lordosis stenosis sciatica osteoporosis osteoarthritis osteopenia arthritis
    osteomyelitis discitis myelopathy radiculopathy neuropathy cauda equina fibromyalgia
    sacroiliitis coccydynia whiplash fracture tumour tumor cancer infection meningitis shingles
    endometriosis psoriasis gout lupus migraine acne eczema spina bifida""".split()
)

# Endings that make a word a medical term; a correction may not swap one for another.
MEDICAL_ENDINGS = sorted(
    ["itis", "osis", "esis", "ysis", "algia", "dynia", "pathy", "ectomy", "otomy", "plasty", "oma"], key=len, reverse=True
)

ELSEWHERE = sorted(
    [
        *"""ankle ankles elbow elbows wrist wrists hand hands finger fingers thumb thumbs knee knees
        heel heels shoulder shoulders eye eyes ear ears tooth teeth dental jaw brain throat face cheek cheeks
        forehead nose mouth lip lips tongue chin gums scalp""".split(),
        "back of my head",
        "back of the head",
        "back of your head",
    ]
)


OTHER_CONDITIONS = _names("other-conditions.txt")
# The names of more than one word: the search page reads each as one phrase ("kidney stones").
CONDITION_PHRASES = [name for name in OTHER_CONDITIONS if " " in name]

# Words that only soften or stress what a patient says ("what actually works", "my back is absolutely
# killing me"): the search page leaves them out before it looks for phrases.
HEDGES = sorted("actually really just literally honestly basically totally absolutely truly seriously".split())

PRODUCTS = sorted(
    """mattress mattresses pillow pillows topper chair cushion tens machine belt brace support supports
    corrector table gel cream creams spray patch patches plaster plasters rub tablets tablet capsules
    caplets pills heat pad pads wrap wraps roller massager gun""".split()
)

SPREADS_TO = {
    "neck": sorted("shoulder shoulders arm arms hand hands finger fingers thumb thumbs".split()),
}
