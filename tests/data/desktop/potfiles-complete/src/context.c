/* Fixture for check-potfiles.py: a context call, listed. */
const char *side (void) { return C_("side", "Kyiv"); }
