/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

/* Targets without state of their own get this one. */
__attribute__ ((weak)) void
fuzz_target_init (void)
{
}

/* A failed precondition inside the core (or in GLib, called wrongly by the
 * core) is a bug the fuzzer found, not noise: it becomes an abort(), which
 * libFuzzer catches and saves the input for. GLib's own fatal path raises
 * SIGTRAP, which libFuzzer does not catch. Other messages are dropped. */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (write_log, NULL, NULL);
  fuzz_target_init ();
  return 0;
}

char *
fuzz_make_text (const uint8_t *data,
                size_t         size)
{
  return g_utf8_make_valid ((const char *) data, (gssize) size);
}

static void
check_utf8 (const char *what,
            const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("the article's %s is not valid UTF-8", what);
}

void
fuzz_check_article (TpArticle    *article,
                    const GError *error,
                    GQuark        domain)
{
  if (article == NULL)
    {
      if (error == NULL)
        g_error ("no article and no error");
      if (error->domain != domain)
        g_error ("error of an unexpected domain: %s", g_quark_to_string (error->domain));
      /* Shown to the journalist as it is. */
      check_utf8 ("error message", error->message);
      return;
    }
  if (error != NULL)
    g_error ("an article and an error: %s", error->message);
  if (article->body == NULL || *article->body == '\0')
    g_error ("an article without a body");
  check_utf8 ("body", article->body);
  check_utf8 ("title", article->title);
  check_utf8 ("outlet", article->outlet);
  check_utf8 ("author", article->author);
  check_utf8 ("published date", article->published);
  for (guint i = 0; article->captions != NULL && i < article->captions->len; i++)
    check_utf8 ("caption", g_ptr_array_index (article->captions, i));
}
