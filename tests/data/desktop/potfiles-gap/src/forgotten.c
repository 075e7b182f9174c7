/* Fixture for check-potfiles.py: translatable but not listed. */
static const char *labels[] = { N_("Forgotten"), NULL };
