"""Lexical scans of SPARQL query text: federated-query refusal, where the WHERE group opens,
the order of ``SELECT *`` columns and the prefixes a query uses.

The scans are deliberately simple and conservative. :func:`mentions_service`
refuses any query in which the word ``SERVICE`` occurs anywhere (also inside a
string, an IRI or a comment), so no tokenizer subtlety can let a federated
query through; the price is that a query searching for the English word
"service" is refused too.

Examples
--------
>>> mentions_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
True
>>> mentions_service("SELECT * WHERE { ?s ?p ?o }")
False
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

_SERVICE = re.compile(r"(?<![A-Za-z0-9_])service(?![A-Za-z0-9_])", re.IGNORECASE)

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


def mentions_service(query: str) -> bool:
    """True when the word ``SERVICE`` (any case) occurs anywhere in ``query``."""
    return _SERVICE.search(query) is not None


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
