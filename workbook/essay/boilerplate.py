"""What an essay's text holds that is not the author's argument, and is never suggested as a claim.

A page saved from a newspaper brings, with the essay, what the publisher puts around every
essay: calls to follow, subscribe, sign up, share or read more; notes on the piece itself
("This article is part of …", "An earlier version of this column misstated …", an editor's
note); the publisher's invitations ("The Times is committed to publishing a diversity of
letters"); disclaimers ("The views expressed are the author's own"); captions and credits
("Photo: …"); and the author's biography at the end ("Ana Ortega is a professor of law at …").
The author's own text has its own lines that argue nothing: a question left for the reader, and
sarcasm, which says the opposite of what it means and so cannot be taken as a claim.

Each recogniser is a pattern of how such lines are written, not a list of publishers' sentences:
an imperative to follow, subscribe or share with where to do it; a piece speaking of itself
("this article", "this column") with what was done to it; views disclaimed; a name followed by
a role and where it is held. The patterns are anchored or bounded, so each is tried in time
linear in the sentence, and none can backtrack over a run of its own characters.
"""

from __future__ import annotations

import re

# Where a publisher asks to be followed; a call to follow one of these is never an argument.
_PLATFORMS = (
    r"facebook|instagram|twitter|x\.com|tiktok|whatsapp|linkedin|youtube|threads|bluesky|"
    r"mastodon|snapchat|telegram|reddit|flipboard|apple news|google news|rss|our app|"
    r"podcasts?|newsletters?|inbox"
)

# Calls to the reader to do something on the page: follow, subscribe, sign up, share, read on.
_CALL = re.compile(
    r"^[\W_]*(?:please\s+|and\s+)?(?:"
    # "Sign up for …", "Subscribe to …", "Get our newsletter", "Join us on …", "Listen to the
    # podcast", "Download the app": the page's own furniture.
    # Not "Register to vote", "Find more money", "Share your view with the council" or "Watch
    # the first episode of …": the author's own calls to act, or to look, argue.
    r"sign\s+up\b|subscribe\b|register\s+(?:here|for\s+free)\b|"
    r"(?:get|try|download|install)\s+(?:our|the)\s+(?:\w+\s+){0,3}?(?:newsletter|app|"
    r"podcast|briefing|edition)s?\b|"
    r"(?:listen|watch)\s+(?:to\s+)?(?:this|our)\s+(?:\w+\s+){0,2}?(?:article|episode|"
    r"podcast|video|story|conversation|interview)\b|"
    r"(?:read|see)\s+(?:more|also|next|the\s+full)\b|(?:click|tap)\s+(?:here|more|to)\b|"
    r"find\s+out\s+more\b|"
    r"(?:related|more\s+from|more\s+on|recommended|read\s+next|don['’]t\s+miss|"
    r"further\s+reading|editor['’]s\s+picks?)\s*[:|]|"
    r"(?:contact|email|e-mail|write\s+to|reach)\s+(?:us|the\s+(?:author|writer|editor)s?)\b|"
    r"share\s+(?:this|our)\s+(?:\w+\s+){0,2}?(?:article|story|piece|column|link)s?\b|"
    r"share\s+your\s+(?:thoughts|views?|opinions?|comments?)\s+(?:in\s+the\s+comments|"
    r"below|with\s+us)\b|"
    r"gift\s+(?:this|the)\s+article\b|advertisement\s*$|supported\s+by\s*$|"
    r"skip\s+to\s+(?:content|main)\b"
    r")",
    re.IGNORECASE,
)
# "Follow The Times Opinion section on Facebook", "Like us on Instagram", "Join the
# conversation on Threads": a call to follow, with where. The call opens the sentence, as an
# imperative does, and names whom to follow: "People follow politicians on Twitter" and "Like
# most teenagers, I live on Instagram" argue. "Follow us" is a call wherever it stands.
_FOLLOW = re.compile(
    r"^[\W_]*(?:please\s+|you\s+can\s+(?:also\s+)?|be\s+sure\s+to\s+|and\s+|also\s+)?"
    r"(?:follow|like|join|find|connect\s+with)\s+(?:us|@\w+|the\s+\w+|(?-i:[A-Z])\w*)"
    r"[^.!?]{0,80}?\b(?:on|via|at)\s+(?:" + _PLATFORMS + r")\b|"
    r"\bfollow\s+(?:us|@\w+)",
    re.IGNORECASE,
)
# A newsletter, a subscription or an inbox offered: "delivered to your inbox", "in your inbox
# every morning", "subscribers get".
_OFFER = re.compile(
    r"\b(?:to|in)\s+your\s+inbox\b|\bsubscri(?:ber|ption)s?\s+(?:get|enjoy|can|only|"
    r"receive)\b|\bnewsletter\b[^.!?]{0,60}?\b(?:sign\s+up|subscribe|free|weekly|daily)\b|"
    r"\bunlimited\s+access\b|\ball\s+rights\s+reserved\b|©|\bcopyright\s+(?:©\s*)?\d{4}\b",
    re.IGNORECASE,
)
# The piece speaking of itself: "This article is part of …", "This column was updated …",
# "An earlier version of this op-ed …", "This essay first appeared in …".
_PIECE = (
    # Not "report", "review" or "letter": an argument speaks of "this report" it answers.
    r"(?:article|piece|story|essay|column|op-?ed|commentary|editorial|interview|post|feature|"
    r"series|episode|transcript)"
)
_ABOUT_ITSELF = re.compile(
    r"^[\W_]*(?:this|the\s+(?:above|following))\s+" + _PIECE + r"\s+(?:"
    r"is\s+(?:part\s+of|one\s+of|adapted|excerpted|an\s+excerpt|published|produced|"
    r"presented|supported|sponsored|funded|based\s+on|from)|"
    r"(?:was|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:updated|corrected|amended|edited|"
    r"condensed|published|produced|adapted|reported|translated|written|originally|first)|"
    r"(?:first|originally)\s+(?:appeared|ran|published)|appeared\s+(?:first|originally|in)|"
    r"appears\s+in|contains|includes|has\s+been)\b|"
    r"^[\W_]*an?\s+(?:earlier|previous|prior|print)\s+version\s+of\s+this\s+" + _PIECE + r"\b|"
    # A label's colon: "Correction — not punishment — should be the aim" argues.
    r"^[\W_]*(?:editor['’]?s['’]?\s+note|note\s+to\s+readers)\s*[:.–—-]|"
    r"^[\W_]*(?:correction|clarification|update|disclosure|disclaimer)\s*:",
    re.IGNORECASE,
)
# The publisher's invitations and policies: "The Times is committed to publishing a
# diversity of letters", "We'd like to hear what you think", "Here are some tips".
_INVITATION = re.compile(
    r"\b(?:is|are)\s+committed\s+to\s+(?:publishing|providing|bringing)\b|"
    r"\bwe['’]?d\s+(?:like|love)\s+to\s+hear\b|\bwe\s+(?:would|want\s+to)\s+(?:like\s+to\s+)?"
    r"hear\s+(?:from\s+you|what\s+you\s+think)\b|\bhere\s+are\s+some\s+tips\b|"
    r"\bletters?\s+to\s+the\s+editor\b[^.!?]{0,60}?\b(?:submit|send|email|write)\b|"
    r"\b(?:submit|send)\s+(?:a|your)\s+letter\b|"
    r"\bletters@|\b[\w.+-]{1,64}@[\w-]{1,63}\.[a-z]{2,12}\b",
    re.IGNORECASE,
)
# Views disclaimed: "The views expressed are the author's own", "does not necessarily
# reflect the views of …", "for informational purposes only", "not financial advice".
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\s+(?:expressed|presented)\s+(?:here(?:in)?|above|below|in\s+th(?:is|ese)|"
    r"by\s+(?:the\s+)?(?:authors?|writers?|contributors?|columnists?)|are)\b|"
    r"\bare\s+(?:solely\s+)?those\s+of\s+the\s+(?:authors?|writers?|contributors?)\b|"
    r"\b(?:do|does)\s+not\s+necessarily\s+(?:reflect|represent)\b|"
    r"\b(?:do|does)\s+not\s+(?:reflect|represent)\s+(?:the\s+)?(?:views|opinions|official)\b|"
    r"\b(?:are|is)\s+(?:solely\s+|entirely\s+)?(?:the\s+author['’]?s?|the\s+writer['’]?s?"
    r")\s+own\b|\bfor\s+(?:general\s+)?informational\s+purposes\s+only\b|"
    r"\bnot\s+(?:intended\s+as\s+|to\s+be\s+(?:taken|construed)\s+as\s+|)"
    r"(?:financial|legal|medical|investment|tax)\s+advice\b",
    re.IGNORECASE,
)
# Captions and credits: "Photo: …", "Illustration by …", "Credit: Getty Images". A label's
# colon, not a dash: "Art — and what we spend on it — is a public good" argues.
_CAPTION = re.compile(
    r"^[\W_]*(?:photo(?:graph)?s?|image|illustration|picture|video|graphic|chart|map|"
    r"caption|credit|source|art|animation|photo\s+illustration)(?:\s+(?:by|credit|courtesy|"
    r"via))?\s*[:|]|"
    r"^[\W_]*(?:photo(?:graph)?s?|illustrations?|images?|video|artwork)\s+(?:by|courtesy\s+of)\b|"
    r"^[\W_]*credit\b",
    re.IGNORECASE,
)
# A credit at the end of a caption: "John Roe/Reuters", "via Getty Images".
_CREDIT = re.compile(
    r"\bgetty\s+images\b|"
    r"(?:/\s*|\bvia\s+)(?:associated\s+press|ap|reuters|afp|shutterstock|alamy|epa)\b",
    re.IGNORECASE,
)
# The author's biography: a name, then who they are and where, as pages end an essay.
_ROLE = (
    r"(?:professor|lecturer|columnist|contributor|contributing\s+(?:writer|editor|opinion"
    r"\s+writer)|writer|editor|fellow|author|journalist|reporter|correspondent|director|"
    r"founder|co-?founder|president|chair(?:man|woman)?|ceo|economist|historian|lawyer|"
    r"attorney|analyst|researcher|scholar|student|candidate|member|senator|representative|"
    r"governor|mayor|physician|doctor|scientist|teacher|former)"
)
# A person's name is two to four capitalised words ("Ana Ortega", "Priya N. Rao"): one alone is
# as often the subject of an argument ("Hunting is a sport every member of ...").
_NAME = r"^[\W_]*(?:[A-Z][\w.'’-]*\s+){2,4}?"
_BIO = re.compile(
    _NAME + r"(?:is|was|has\s+been|serves\s+as|teaches|writes)\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,6}?"
    + _ROLE
    + r"\b|"
    + _NAME
    + r"(?:is|was)\s+the\s+author\s+of\b|"
    + _NAME
    + r"(?:is|was)\s+(?:a|an)\s+[\w'’-]+\s+at\s+[A-Z]|"
    # "He is the author of …", "She is a professor of law at …": a biography told by a pronoun.
    r"^[\W_]*(?:He|She|They)\s+(?:is|are|was)\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:author\s+of|" + _ROLE + r"\s+(?:at|of|for|with|in)\s+(?:the\s+)?[A-Z])",
)
# Sarcasm that says so: "Yeah, right.", "What could possibly go wrong?", "said no one ever".
_SARCASM = re.compile(
    r"^[\W_]*(?:yeah|oh)[,\s]+(?:right|sure|great|wonderful)\b|"
    r"\bwhat\s+could\s+(?:possibly\s+)?go\s+wrong\b|\bsaid\s+no\s+one\s+ever\b|"
    r"(?:^|\s)/s\s*$|\bbecause\s+that\s+(?:has\s+)?(?:worked|went)\s+so\s+well\b",
    re.IGNORECASE,
)

# The recognisers, each with what it says of a sentence it finds, and the words without one of
# which it cannot match: a pattern that may match anywhere is tried only on a sentence that
# has one of them, since most sentences have none and a plain search for a word is far cheaper.
ALWAYS: tuple[str, ...] = ()
RECOGNISERS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (_CALL, "a call to follow, subscribe or read more", ALWAYS),
    (
        _FOLLOW,
        "a call to follow, subscribe or read more",
        ("follow", "like", "join", "find", "connect"),
    ),
    (
        _OFFER,
        "the publisher's offer or notice",
        ("inbox", "subscri", "newsletter", "unlimited", "reserved", "©", "copyright"),
    ),
    (_ABOUT_ITSELF, "a note on the piece itself", ALWAYS),
    (
        _INVITATION,
        "the publisher's invitation",
        ("committed", "hear", "tips", "letter", "@"),
    ),
    (
        _DISCLAIMER,
        "a disclaimer",
        ("views", "opinions", "those", "not", "own", "informational", "advice"),
    ),
    (_CAPTION, "a caption or credit", ALWAYS),
    (_CREDIT, "a caption or credit", ("getty", "/", "via")),
    (_SARCASM, "sarcasm", ("yeah", "oh", "wrong", "ever", "/s", "well")),
)

# A sentence that quotes a call and turns against it ("Sign up, the pages beg; but …") argues
# about the furniture: the page's own calls never turn. The turn follows a clause's end.
_TURN = re.compile(r"(?:[,;:—–]|\s-)\s*(?:but|yet|however)\b", re.IGNORECASE)
_CALLS = {"a call to follow, subscribe or read more", "the publisher's offer or notice"}

# The last paragraphs where a page puts the author's biography, in an article of at least
# BIO_ARTICLE paragraphs: a shorter text is an argument from its first line to its last.
BIO_PARAGRAPHS = 2
BIO_ARTICLE = 4


def not_the_authors(sentence: str, near_the_end: bool = False) -> str | None:
    """What `sentence` is when it is not the author's argument, or None when it may be.

    `near_the_end` says the sentence stands in the essay's last paragraphs, where a sentence
    that names someone and their role is the author's biography rather than an argument about
    that person."""
    lowered = sentence.lower()
    for pattern, what, words in RECOGNISERS:
        if (not words or any(word in lowered for word in words)) and pattern.search(sentence):
            if what in _CALLS and _TURN.search(sentence):
                continue  # quoted and argued against: the author's
            return what
    if sentence.rstrip("”\"’') ").endswith("?"):
        return "a question left for the reader"
    if near_the_end and _BIO.search(sentence):
        return "the author's biography"
    return None
