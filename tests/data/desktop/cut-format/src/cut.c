/* Fixture for check-translations.py --formats: the macro ends the literal that
 * xgettext extracts, so the catalogue could never match this message. */
g_set_error (error, TP_ERROR, TP_ERROR_NOT_FOUND,
             _("Article %" G_GINT64_FORMAT " is not in the library"), id);
