/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tp-cli.h"
#include "tp-extractor.h"
#include "tp-fetcher.h"
#include "tp-source.h"
#include "tp-store.h"

/* `triptych-cli import FILE|URL...`: each source is read and analysed
 * before the library is touched, so a source that cannot be read leaves the
 * library exactly as it was (it is not even created). Articles are stored
 * in batches (tp_store_begin_batch()) of at most BATCH_SIZE articles or
 * BATCH_SECONDS, and a line says "imported" only once its batch is
 * committed: what the command reports is on disk. */

#define BATCH_SIZE 500
#define BATCH_SECONDS 1

typedef struct
{
  const char          *db_path;
  TpStore             *store;
  TpExtractor         *extractor;
  GPtrArray           *pending;     /* lines to print when the batch commits */
  gint64               batch_start;
  guint                n_failed;
} Importer;

/* Auxiliary methods */

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->pending, g_ptr_array_unref);
  g_clear_object (&imp->extractor);
  g_clear_object (&imp->store);
}

static gboolean
importer_flush (Importer  *imp,
                GError   **error)
{
  gboolean ok = TRUE;

  if (imp->store == NULL || imp->batch_start == 0)
    return TRUE;
  imp->batch_start = 0;
  if (!tp_store_commit_batch (imp->store, error))
    ok = FALSE;
  for (guint i = 0; i < imp->pending->len; i++)
    {
      const char *line = g_ptr_array_index (imp->pending, i);

      if (ok || g_str_has_prefix (line, "duplicate"))
        fputs (line, stdout);
    }
  fflush (stdout);
  g_ptr_array_set_size (imp->pending, 0);
  return ok;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

static gboolean
importer_ensure_store (Importer  *imp,
                       GError   **error)
{
  g_autoptr(TpLexicon) lexicon = NULL;

  if (imp->store != NULL)
    return TRUE;

  imp->store = tp_store_open (imp->db_path, error);
  if (imp->store == NULL)
    return FALSE;
  /* The library's own lexicon, with the journalist's edits. */
  lexicon = tp_store_load_lexicon (imp->store, error);
  if (lexicon == NULL)
    return FALSE;
  imp->extractor = tp_extractor_new (lexicon);
  return TRUE;
}

static TpArticle *
load_source (const char  *arg,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(TpArticle) article = NULL;

  if (tp_fetcher_is_web_url (arg))
    return tp_fetcher_fetch_article_sync (tp_fetcher_get_default (), arg, NULL, error);

  file = g_file_new_for_commandline_arg (arg);
  article = tp_source_load_file (file, NULL, error);
  if (article != NULL && article->source_path == NULL)
    article->source_path = g_file_get_path (file);
  return g_steal_pointer (&article);
}

static int
count_sided (GPtrArray *statements)
{
  int n = 0;

  for (guint i = 0; i < statements->len; i++)
    if (((TpStatement *) g_ptr_array_index (statements, i))->side != NULL)
      n++;
  return n;
}

/* Public API */

int
tp_cli_import (int         argc,
               char      **argv,
               const char *db_path)
{
  g_auto(GStrv) sources = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &sources, NULL, "FILE|URL" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE|URL… — import articles into the library"));
  g_autoptr(GError) error = NULL;
  g_auto(Importer) imp = { db_path, NULL, NULL, NULL, 0, 0 };

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("import", error);
  if (sources == NULL || sources[0] == NULL)
    return tp_cli_fail ("%s", _("import needs at least one FILE or URL"));

  imp.pending = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; sources[i] != NULL; i++)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id = 0;

      article = load_source (sources[i], &local_error);
      if (article == NULL)
        {
          tp_cli_fail (_("failed: %s: %s"), sources[i], local_error->message);
          imp.n_failed++;
          continue;
        }

      if (!importer_ensure_store (&imp, &local_error))
        {
          /* Without a library nothing else can be imported either. */
          return tp_cli_fail_error (db_path, local_error);
        }
      if (imp.batch_start == 0)
        {
          if (!tp_store_begin_batch (imp.store, &local_error))
            return tp_cli_fail_error (db_path, local_error);
          imp.batch_start = g_get_monotonic_time ();
        }

      statements = tp_extractor_run (imp.extractor, article);
      if (!tp_store_add_article (imp.store, article, statements, &id, &local_error))
        {
          if (g_error_matches (local_error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
            {
              /* TRANSLATORS: one line per article; keep the first word */
              g_ptr_array_add (imp.pending,
                               g_strdup_printf (_("duplicate %s: already in the library as article %lld\n"),
                                                sources[i], (long long) id));
            }
          else
            {
              tp_cli_fail (_("failed: %s: %s"), sources[i], local_error->message);
              imp.n_failed++;
            }
        }
      else
        {
          /* TRANSLATORS: one line per article; keep the first word */
          g_ptr_array_add (imp.pending,
                           g_strdup_printf (_("imported %s: article %lld, “%s”, %u statements (%d attributed to a side)\n"),
                                            sources[i], (long long) id,
                                            article->title ? article->title : _("untitled"),
                                            statements->len, count_sided (statements)));
        }

      if (imp.pending->len >= BATCH_SIZE
          || g_get_monotonic_time () - imp.batch_start >= BATCH_SECONDS * G_USEC_PER_SEC)
        {
          if (!importer_flush (&imp, &local_error))
            return tp_cli_fail_error (db_path, local_error);
        }
    }

  {
    g_autoptr(GError) local_error = NULL;

    if (!importer_flush (&imp, &local_error))
      return tp_cli_fail_error (db_path, local_error);
  }
  return imp.n_failed > 0 ? 1 : 0;
}
