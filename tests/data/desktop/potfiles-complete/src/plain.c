/* Fixture for check-potfiles.py: mentions _("x") only in this comment
 * and in a string, so it needs no POTFILES.in entry. */
// neither does N_("y") here
static const char *pattern = "_(\"not a call\")";
static int tp_fold_ (int c) { return c; }
int plain (void) { return tp_fold_ (0) + (pattern != 0); }
