/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tp-cli.h"
#include "tp-cli-import.h"
#include "tp-extractor.h"
#include "tp-fetcher.h"
#include "tp-source.h"
#include "tp-store.h"

/* `triptych-cli import FILE|URL...`: each source is read and analysed
 * before the library is touched, so a source that cannot be read leaves the
 * library exactly as it was (it is not even created). Articles are stored
 * in batches (tp_store_begin_batch()) of at most TP_CLI_IMPORT_BATCH_SIZE
 * articles or TP_CLI_IMPORT_BATCH_SECONDS, and a line says "imported" only
 * once its batch is
 * committed: what the command reports is on disk.
 *
 * Reading and analysing an article is pure CPU and independent of the
 * others, so it runs on one worker thread per core (TpCliPipeline), each
 * with its own extractor, a bounded window ahead of the one thread that
 * writes to the library, which takes the articles in the order given. */

typedef struct
{
  const char          *db_path;
  TpStore             *store;
  TpExtractor         *extractor;
  GPtrArray           *pending;     /* lines to print when the batch commits */
  gint64               batch_start;
  guint                n_failed;
  TpLexicon           *lexicon;
} Importer;

/* Auxiliary methods */

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->pending, g_ptr_array_unref);
  g_clear_object (&imp->extractor);
  g_clear_object (&imp->lexicon);
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
  if (imp->store != NULL)
    return TRUE;

  imp->store = tp_store_open (imp->db_path, error);
  if (imp->store == NULL)
    return FALSE;
  /* The library's own lexicon, with the journalist's edits. */
  imp->lexicon = tp_store_load_lexicon (imp->store, error);
  if (imp->lexicon == NULL)
    return FALSE;
  imp->extractor = tp_extractor_new (imp->lexicon);
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

/* Files are read on the pipeline's workers; web pages on the writer's
 * thread, through the one fetcher. */
static TpArticle *
load_source_at (guint      index,
                gpointer   user_data,
                GError   **error)
{
  const char * const *sources = user_data;

  if (tp_fetcher_is_web_url (sources[index]))
    return NULL;
  return load_source (sources[index], error);
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

/* The pipeline */

/* Sources read and analysed ahead of the writer, at most. */
#define PIPELINE_WINDOW 64

typedef struct
{
  gboolean    done;
  TpArticle  *article;
  GPtrArray  *statements;
  GError     *error;
} PipelineSlot;

struct _TpCliPipeline
{
  GMutex         lock;
  GCond          produced;    /* a slot was filled */
  GCond          consumed;    /* the writer took a slot, or stop */
  TpCliLoadFunc  load;
  gpointer       user_data;
  TpLexicon     *lexicon;     /* under @lock; NULL until the library is open */
  guint          n_sources;
  guint          next_claim;  /* the next source a worker takes */
  guint          next_take;   /* the next source the writer takes */
  gboolean       stop;
  PipelineSlot   slots[PIPELINE_WINDOW];
  GPtrArray     *workers;     /* GThread */
};

static void
pipeline_slot_clear (PipelineSlot *slot)
{
  g_clear_pointer (&slot->article, tp_article_unref);
  g_clear_pointer (&slot->statements, g_ptr_array_unref);
  g_clear_error (&slot->error);
  slot->done = FALSE;
}

static gpointer
pipeline_worker (gpointer data)
{
  TpCliPipeline *self = data;
  g_autoptr(TpExtractor) extractor = NULL;

  for (;;)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TpLexicon) lexicon = NULL;
      PipelineSlot *slot;
      guint index;

      g_mutex_lock (&self->lock);
      while (!self->stop && self->next_claim < self->n_sources
             && self->next_claim >= self->next_take + PIPELINE_WINDOW)
        g_cond_wait (&self->consumed, &self->lock);
      if (self->stop || self->next_claim >= self->n_sources)
        {
          g_mutex_unlock (&self->lock);
          return NULL;
        }
      index = self->next_claim++;
      g_mutex_unlock (&self->lock);

      article = self->load (index, self->user_data, &error);

      g_mutex_lock (&self->lock);
      if (self->lexicon != NULL)
        lexicon = g_object_ref (self->lexicon);
      g_mutex_unlock (&self->lock);
      /* Without the library's lexicon yet, the writer analyses it. */
      if (article != NULL && lexicon != NULL)
        {
          if (extractor == NULL)
            extractor = tp_extractor_new (lexicon);
          statements = tp_extractor_run (extractor, article);
        }

      g_mutex_lock (&self->lock);
      slot = &self->slots[index % PIPELINE_WINDOW];
      slot->article = g_steal_pointer (&article);
      slot->statements = g_steal_pointer (&statements);
      slot->error = g_steal_pointer (&error);
      slot->done = TRUE;
      g_cond_broadcast (&self->produced);
      g_mutex_unlock (&self->lock);
    }
}

/**
 * tp_cli_pipeline_new:
 * @n_sources: how many sources there are
 * @load: reads a source, on a worker thread
 * @user_data: closure for @load
 * @lexicon: (nullable): the lexicon to analyse with, or %NULL until
 *   tp_cli_pipeline_set_lexicon()
 *
 * Starts reading and analysing sources 0 to @n_sources - 1 on one thread
 * per core, a bounded window ahead of tp_cli_pipeline_next().
 *
 * Returns: (transfer full): the pipeline
 */
TpCliPipeline *
tp_cli_pipeline_new (guint          n_sources,
                     TpCliLoadFunc  load,
                     gpointer       user_data,
                     TpLexicon     *lexicon)
{
  TpCliPipeline *self = g_new0 (TpCliPipeline, 1);
  guint n_workers = (guint) MAX (1, g_get_num_processors ());

  g_mutex_init (&self->lock);
  g_cond_init (&self->produced);
  g_cond_init (&self->consumed);
  self->load = load;
  self->user_data = user_data;
  self->lexicon = lexicon ? g_object_ref (lexicon) : NULL;
  self->n_sources = n_sources;
  self->workers = g_ptr_array_new ();
  for (guint i = 0; i < MIN (n_workers, MAX (n_sources, 1u)); i++)
    g_ptr_array_add (self->workers, g_thread_new ("tp-import", pipeline_worker, self));
  return self;
}

/* Sources read from now on are analysed with @lexicon on the workers. */
void
tp_cli_pipeline_set_lexicon (TpCliPipeline *self,
                             TpLexicon     *lexicon)
{
  g_mutex_lock (&self->lock);
  g_set_object (&self->lexicon, lexicon);
  g_mutex_unlock (&self->lock);
}

/**
 * tp_cli_pipeline_next:
 * @self: a pipeline
 * @out_index: (out): the source's index
 * @out_article: (out) (transfer full): the article, or %NULL when it could
 *   not be read (@error is set) or is to be read by the caller (not set)
 * @out_statements: (out) (transfer full): its statements, or %NULL when
 *   the caller is to analyse it
 * @error: the source's error
 *
 * Waits for the next source, in order.
 *
 * Returns: %FALSE when every source was taken
 */
gboolean
tp_cli_pipeline_next (TpCliPipeline  *self,
                      guint          *out_index,
                      TpArticle     **out_article,
                      GPtrArray     **out_statements,
                      GError        **error)
{
  PipelineSlot *slot;

  *out_article = NULL;
  *out_statements = NULL;
  g_mutex_lock (&self->lock);
  if (self->next_take >= self->n_sources)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  slot = &self->slots[self->next_take % PIPELINE_WINDOW];
  while (!slot->done)
    g_cond_wait (&self->produced, &self->lock);
  *out_index = self->next_take++;
  *out_article = g_steal_pointer (&slot->article);
  *out_statements = g_steal_pointer (&slot->statements);
  if (slot->error != NULL)
    g_propagate_error (error, g_steal_pointer (&slot->error));
  pipeline_slot_clear (slot);
  g_cond_broadcast (&self->consumed);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Stops the workers (the sources not taken yet are dropped). */
void
tp_cli_pipeline_free (TpCliPipeline *self)
{
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->consumed);
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < self->workers->len; i++)
    g_thread_join (g_ptr_array_index (self->workers, i));
  g_ptr_array_unref (self->workers);
  for (guint i = 0; i < PIPELINE_WINDOW; i++)
    pipeline_slot_clear (&self->slots[i]);
  g_clear_object (&self->lexicon);
  g_cond_clear (&self->produced);
  g_cond_clear (&self->consumed);
  g_mutex_clear (&self->lock);
  g_free (self);
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
  g_auto(Importer) imp = { db_path, NULL, NULL, NULL, 0, 0, NULL };
  g_autoptr(TpCliPipeline) pipeline = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("import", error);
  if (sources == NULL || sources[0] == NULL)
    return tp_cli_fail ("%s", _("import needs at least one FILE or URL"));

  imp.pending = g_ptr_array_new_with_free_func (g_free);
  pipeline = tp_cli_pipeline_new (g_strv_length (sources), load_source_at, sources, NULL);

  for (;;)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id = 0;
      guint i;

      if (!tp_cli_pipeline_next (pipeline, &i, &article, &statements, &local_error))
        break;
      if (article == NULL && local_error == NULL)
        article = load_source (sources[i], &local_error);
      if (article == NULL)
        {
          tp_cli_fail (_("failed: %s: %s"), sources[i], local_error->message);
          imp.n_failed++;
          continue;
        }

      if (imp.store == NULL)
        {
          if (!importer_ensure_store (&imp, &local_error))
            {
              /* Without a library nothing else can be imported either. */
              return tp_cli_fail_error (db_path, local_error);
            }
          tp_cli_pipeline_set_lexicon (pipeline, imp.lexicon);
        }
      if (imp.batch_start == 0)
        {
          if (!tp_store_begin_batch (imp.store, &local_error))
            return tp_cli_fail_error (db_path, local_error);
          imp.batch_start = g_get_monotonic_time ();
        }

      if (statements == NULL)
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

      if (imp.pending->len >= TP_CLI_IMPORT_BATCH_SIZE
          || g_get_monotonic_time () - imp.batch_start
             >= TP_CLI_IMPORT_BATCH_SECONDS * G_USEC_PER_SEC)
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
