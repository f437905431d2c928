"""Lexical scans of SPARQL query text: federated-query refusal, where the WHERE group opens,
the order of ``SELECT *`` columns and the prefixes a query uses.

:func:`mentions_service` decides whether a query may reach ``SERVICE``
(federated query: the store would fetch from the network). Strings, IRIs,
comments, variables and the local part of prefixed names are blanked out
first, so ``"customer service"``, ``<http://e/service>``, ``?service`` or
``ex:service`` pass; in what is left (keywords, prefixes, numbers,
punctuation) any occurrence of the letters ``service``, in any case and glued
to anything, is refused. That is stricter than the grammar on purpose:
Oxigraph's parser reads ``service:x { ... }`` and ``SERVICEfoo:x { ... }`` as
``SERVICE`` clauses, and a scan that looked for the keyword as a whole word
would let them through. ``\\u`` escapes are decoded and the text scanned again.

Examples
--------
>>> mentions_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
True
>>> mentions_service('SELECT * WHERE { ?s ?p "customer service" }')
False
>>> mentions_service("PREFIX : <http://x/> SELECT * { service:x { ?s ?p ?o } }")
True
>>> q = 'SELECT ?s # {not here}\\nWHERE { ?s ?p "{" }'
>>> q[group_start(q)]
'{'
>>> group_start(q) > q.index("WHERE")
True
>>> star_order("SELECT * WHERE { ?s ?p ?o }", ["o", "p", "s"])
['s', 'p', 'o']
>>> used_prefixes('PREFIX a: <http://a/> SELECT * { ?s a:p foo:x ; rdfs:label "b:c" }')
['a', 'foo', 'rdfs']
"""

from __future__ import annotations

import re

_SERVICE = re.compile("service", re.IGNORECASE)

# Tokens that may contain a "{" which is not a group: comments, strings, IRIs.
_SKIP = re.compile(
    r"""
      \#[^\n\r]*                                   # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''                # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'                        # short strings
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>                    # IRI reference
    | \{                                           # the brace we look for
    """,
    re.VERBOSE | re.DOTALL,
)

_NAME_CHAR = r"[\w\-\u00B7\u00C0-\U000EFFFF]"
# What cannot hold a keyword: comments, strings, IRIs (backslashes allowed: an IRI
# may hold \u escapes), variables, language tags, the local part of a prefixed name.
_OPAQUE = re.compile(
    rf"""
      \#[^\n\r]*
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{{}}|^`\x00-\x20]*>
    | [?$]{_NAME_CHAR}+
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*
    | (?<=:)(?:{_NAME_CHAR}|:|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?\#@%]
              |\.(?={_NAME_CHAR}|:|%[0-9A-Fa-f]{{2}}|\\))+
    """,
    re.VERBOSE | re.DOTALL,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _code(query: str) -> str:
    """``query`` with every opaque token replaced by one space."""
    return _OPAQUE.sub(" ", query)


def _unescape(query: str) -> str:
    def char(m: re.Match) -> str:
        value = int(m.group(1) or m.group(2), 16)
        return chr(value) if value <= 0x10FFFF else " "

    return _UCHAR.sub(char, query)


def mentions_service(query: str) -> bool:
    """True when ``service`` (any case) occurs outside strings, IRIs, comments and names.

    Examples
    --------
    >>> [mentions_service(q) for q in ("ASK { ?service ?p ?o }", "ASK { ?s ?p ?o } # service")]
    [False, False]
    >>> mentions_service("ASK { ?s ?p 1SERVICE<http://x/>{} }")
    True
    """
    texts = [query, _unescape(query)] if "\\" in query else [query]
    return any(_SERVICE.search(t) and _SERVICE.search(_code(t)) for t in texts)


def group_start(query: str) -> int:
    """Index of the first ``{`` that opens a group (not inside a comment, string or IRI).

    For a ``SELECT`` or ``ASK`` query it opens the ``WHERE`` clause.

    Raises
    ------
    ValueError
        When the query has no group at all.
    """
    for m in _SKIP.finditer(query):
        if m.group() == "{":
            return m.start()
    raise ValueError("the query has no { ... } group to bind parameters in")


# Tokens of a query, besides those of _SKIP: variables, the words that may
# precede a projection's "*", prefixed names (their prefix) and a "*".
_TOKENS = re.compile(
    r"""
      \#[^\n\r]*
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$](?P<var>[\w\u00b7\u0300-\u036f\u203f\u2040]+)
    | (?<![\w?$:.-])(?P<prefix>(?:[^\W\d_][\w.-]*)?):(?=[\w%\\:]|\s|[;,.)\]}]|$)
    | (?<![\w?$])(?P<word>SELECT|DISTINCT|REDUCED)(?!\w)
    | (?P<star>\*)
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*
    | \^\^
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def _tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) of the variables, words, prefixes and stars of ``query``, in order."""
    out = []
    for m in _TOKENS.finditer(query):
        kind = m.lastgroup
        if kind is not None:
            out.append((kind, m.group(kind)))
    return out


def star_order(query: str, variables: list[str]) -> list[str]:
    """``variables`` in the order they first occur in ``query`` when it is a ``SELECT *``.

    SPARQL leaves the order of ``SELECT *`` columns to the engine, and
    Oxigraph sorts them by name; this gives the order in which they first
    appear in the query text instead. Any other query, and variables the
    text does not show, keep the engine's order.
    """
    tokens = _tokens(query)
    words = [
        i for i, (kind, text) in enumerate(tokens) if kind == "word" and text.upper() == "SELECT"
    ]
    if not words:
        return list(variables)
    after = tokens[words[0] + 1 :]
    while after and after[0][0] == "word" and after[0][1].upper() in ("DISTINCT", "REDUCED"):
        after = after[1:]
    if not after or after[0][0] != "star":
        return list(variables)
    first: dict[str, int] = {}
    for i, (kind, text) in enumerate(after):
        if kind == "var":
            first.setdefault(text, i)
    end = len(after)
    return sorted(variables, key=lambda v: (first.get(v, end), variables.index(v)))


def used_prefixes(query: str) -> list[str]:
    """The prefixes of the prefixed names (``ck:Actor``, ``foo:``) in ``query``, in order.

    Strings, IRIs and comments are skipped; ``PREFIX a: <...>`` counts ``a``.
    """
    return list(dict.fromkeys(text for kind, text in _tokens(query) if kind == "prefix"))


_DECLARED = re.compile(r"(?<![\w?$])PREFIX\s+((?:[^\W\d_][\w.-]*)?):", re.IGNORECASE)


def declared_prefixes(query: str) -> list[str]:
    """The prefixes ``query`` declares itself (``PREFIX a: <...>``).

    Examples
    --------
    >>> declared_prefixes("PREFIX ex: <http://e/>\\nprefix : <http://f/> SELECT * {}")
    ['ex', '']
    """
    return _DECLARED.findall(query)
