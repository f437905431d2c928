"""Lexical scans of SPARQL query text: federated-query refusal and where the WHERE group opens.

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
