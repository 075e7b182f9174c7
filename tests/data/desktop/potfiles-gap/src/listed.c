/* Fixture for check-potfiles.py: listed in POTFILES.in. */
const char *listed (void) { return _("Listed"); }
