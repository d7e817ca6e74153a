"""Work the gate will need, started in the background while the build waits: for the analysis
in the other process (:mod:`site_builder.prestart`), or for the generator.

The generator is a separate process on its own core; while it runs, ``openness build`` only
waits. A rebuild after an edit then needs, within a second or two, Presidio's pattern recognisers
(about a second to import), the public-phrase matcher, the word-frequency list and, when some page
changed, the spaCy model. A thread loads them meanwhile. It changes no result: everything it
loads is loaded the same way (and cached the same way) when first used; if it fails, the gate
meets the same failure itself and reports it.
"""

from __future__ import annotations

import logging
import threading

from site_builder.context import Context
from site_builder.gate.ask import Audit
from site_builder.gate.memo import GateMemos

log = logging.getLogger(__name__)


def warm_up(ctx: Context, ner: bool, identifiers: bool = True, phrases: bool = True) -> threading.Thread:
    """Start loading what the gate will need; ``ner``: the spaCy model too; ``identifiers``:
    Presidio's recognisers (not when the process of :mod:`site_builder.prestart` runs them);
    ``phrases``: the public-phrase matchers (not when the model server has them)."""
    args = (ctx, ner, identifiers, phrases)
    thread = threading.Thread(target=_load, args=args, name="openness-warm-up", daemon=True)
    thread.start()
    return thread


def _load(ctx: Context, ner: bool, identifiers: bool, phrases: bool) -> None:
    try:
        from site_builder.gate.identifiers import identifier_recognizers
        from site_builder.gate.names import ner_model
        from site_builder.gate.vocabulary import tool_data, zipf

        allowlist = ctx.allowlist
        if phrases:
            _ = allowlist.phrase_pattern, allowlist.short_phrase_pattern  # first: the redactor needs them too
        if identifiers:
            identifier_recognizers(allowlist)
        tool_data()
        zipf("partnership")
        if ner:
            ner_model()
    except Exception as exc:
        log.debug("warm-up stopped: %s", exc)


def warm_gate(ctx: Context, audit: Audit, memos: GateMemos) -> threading.Thread:
    """Start working out, while the generator runs, what the gate's checks and questions need
    from this build's sources and replacements (not from the site): the unpublished texts'
    runs and the repeat matchers. Each is remembered in this process by its inputs, so the gate
    finds it done, or works it out itself."""
    thread = threading.Thread(target=_gate, args=(ctx, audit, memos), name="openness-warm-gate", daemon=True)
    thread.start()
    return thread


def _gate(ctx: Context, audit: Audit, memos: GateMemos) -> None:
    try:
        from site_builder.gate.ask import vocabulary
        from site_builder.gate.names import persons
        from site_builder.gate.questions import Asker
        from site_builder.gate.unpublished import UnpublishedText

        _ = UnpublishedText.of(ctx, memos["unpublished"]).fingerprint
        _ = Asker(vocabulary(ctx.project, ctx.register, audit), persons, replaced=audit.originals).repeats
    except Exception as exc:
        log.debug("warm-up stopped: %s", exc)
