"""The law, once: regimes, citations, provisions' facts, phrases, elements and the calendar."""
