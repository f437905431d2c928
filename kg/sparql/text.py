"""Lexical scans of SPARQL query text: federated-query refusal and where the WHERE group opens.

Both scans are deliberately simple and conservative. :func:`mentions_service`
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
