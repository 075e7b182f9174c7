/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-library-worker"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tp-comparison.h"
#include "tp-extractor.h"
#include "tp-library-worker.h"
#include "tp-source.h"
#include "tp-statement-row.h"
#include "tp-ui-private.h"

/* TpLibraryWorker runs every store query of the window on GTask threads and
 * hands the results back on the main context, so the main loop never waits
 * on SQLite. A TpStore must stay on one thread, so each pool thread keeps
 * its own connection to the library (see get_thread_store()). */

struct _TpLibraryWorker
{
  GObject  parent_instance;

  char    *path;
};

G_DEFINE_FINAL_TYPE (TpLibraryWorker, tp_library_worker, G_TYPE_OBJECT)

#define SAMPLES_BASE "/io/github/triptych/Triptych/samples/"

/* Per-thread connections */

typedef struct
{
  char    *path;
  TpStore *store;
} ThreadStore;

static void
thread_store_free (gpointer data)
{
  ThreadStore *ts = data;

  g_clear_object (&ts->store);
  g_free (ts->path);
  g_free (ts);
}

static GPrivate thread_store_key = G_PRIVATE_INIT (thread_store_free);
static GMutex open_lock;

static TpStore *
get_thread_store (const char  *path,
                  GError     **error)
{
  ThreadStore *ts = g_private_get (&thread_store_key);

  if (ts != NULL && g_strcmp0 (ts->path, path) == 0 && ts->store != NULL)
    return ts->store;

  if (ts == NULL)
    {
      ts = g_new0 (ThreadStore, 1);
      g_private_set (&thread_store_key, ts);
    }
  g_clear_object (&ts->store);
  g_clear_pointer (&ts->path, g_free);

  {
    g_autofree char *dir = g_path_get_dirname (path);

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        int saved_errno = errno;
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Cannot create the folder “%s” for the library: %s"),
                     dir, g_strerror (saved_errno));
        return NULL;
      }
  }

  /* Opening creates or upgrades the schema; two threads doing that at once
   * on a new file would race, so opens go one at a time. */
  g_mutex_lock (&open_lock);
  ts->store = tp_store_open (path, error);
  g_mutex_unlock (&open_lock);
  if (ts->store == NULL)
    return NULL;
  ts->path = g_strdup (path);
  return ts->store;
}

static void
fill_article_filter (TpArticleFilter       *out,
                     const TpLibraryFilter *in)
{
  memset (out, 0, sizeof *out);
  if (in == NULL)
    return;
#define NONEMPTY(s) ((s) != NULL && *(s) != '\0' ? (s) : NULL)
  out->query = NONEMPTY (in->query);
  out->outlet = NONEMPTY (in->outlet);
  out->language = NONEMPTY (in->language);
  out->date_from = NONEMPTY (in->date_from);
  out->date_until = NONEMPTY (in->date_until);
}

static void
fill_statement_filter (TpStatementFilter     *out,
                       const TpLibraryFilter *in)
{
  memset (out, 0, sizeof *out);
  if (in == NULL)
    return;
  out->query = NONEMPTY (in->query);
  out->outlet = NONEMPTY (in->outlet);
  out->language = NONEMPTY (in->language);
  out->tag = NONEMPTY (in->tag);
  out->date_from = NONEMPTY (in->date_from);
  out->date_until = NONEMPTY (in->date_until);
  out->review_mask = in->review_mask;
#undef NONEMPTY
}

/* Records */

TpLibraryFilter *
tp_library_filter_new (void)
{
  return g_new0 (TpLibraryFilter, 1);
}

TpLibraryFilter *
tp_library_filter_copy (const TpLibraryFilter *self)
{
  TpLibraryFilter *copy = tp_library_filter_new ();

  if (self == NULL)
    return copy;
  copy->query = g_strdup (self->query);
  copy->outlet = g_strdup (self->outlet);
  copy->language = g_strdup (self->language);
  copy->tag = g_strdup (self->tag);
  copy->date_from = g_strdup (self->date_from);
  copy->date_until = g_strdup (self->date_until);
  copy->review_mask = self->review_mask;
  return copy;
}

void
tp_library_filter_free (TpLibraryFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->query);
  g_free (self->outlet);
  g_free (self->language);
  g_free (self->tag);
  g_free (self->date_from);
  g_free (self->date_until);
  g_free (self);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL && *a ? a : NULL, b != NULL && *b ? b : NULL) == 0;
}

gboolean
tp_library_filter_equal (const TpLibraryFilter *a,
                         const TpLibraryFilter *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return same_text (a->query, b->query) && same_text (a->outlet, b->outlet) &&
         same_text (a->language, b->language) && same_text (a->tag, b->tag) &&
         same_text (a->date_from, b->date_from) && same_text (a->date_until, b->date_until) &&
         a->review_mask == b->review_mask;
}

/**
 * tp_library_first_page_read:
 * @store: the library, open on the calling thread
 * @limit: articles in the page
 *
 * Counts the articles @filter matches and reads the first @limit of them,
 * as a #TpArticleList would ask the worker to.
 *
 * Returns: (transfer full) (nullable): the count and page, or %NULL with @error set
 */
TpLibraryFirstPage *
tp_library_first_page_read (TpStore                *store,
                            const TpLibraryFilter  *filter,
                            guint                   limit,
                            GError                **error)
{
  g_autoptr(TpLibraryFirstPage) self = g_new0 (TpLibraryFirstPage, 1);
  TpArticleFilter article_filter;

  g_return_val_if_fail (TP_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  fill_article_filter (&article_filter, filter);
  self->filter = tp_library_filter_copy (filter);
  self->count = tp_store_count_articles (store, &article_filter, error);
  if (self->count < 0)
    return NULL;
  self->page = tp_store_list_articles (store, &article_filter, 0, limit, error);
  if (self->page == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
tp_library_first_page_free (TpLibraryFirstPage *self)
{
  if (self == NULL)
    return;
  tp_library_filter_free (self->filter);
  g_clear_pointer (&self->page, g_ptr_array_unref);
  g_free (self);
}

TpImportSource *
tp_import_source_new_for_file (GFile *file)
{
  TpImportSource *self = g_new0 (TpImportSource, 1);

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self->file = g_object_ref (file);
  self->label = g_file_get_basename (file);
  return self;
}

TpImportSource *
tp_import_source_new_for_text (const char *text,
                               gssize      len)
{
  TpImportSource *self = g_new0 (TpImportSource, 1);

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  self->text = g_bytes_new (text, len);
  self->label = g_strdup (_("Pasted text"));
  return self;
}

void
tp_import_source_free (TpImportSource *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->file);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_free (self->label);
  g_free (self->title);
  g_free (self->outlet);
  g_free (self->language);
  g_free (self->published);
  g_free (self);
}

void
tp_import_report_free (TpImportReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->article_ids, g_array_unref);
  g_free (self);
}

void
tp_article_document_free (TpArticleDocument *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->article, tp_article_unref);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_free (self);
}

void
tp_library_facets_free (TpLibraryFacets *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->outlets);
  g_strfreev (self->languages);
  g_strfreev (self->tags);
  g_free (self);
}

void
tp_comparison_grid_free (TpComparisonGrid *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_array_unref);
  g_clear_pointer (&self->timelines, g_ptr_array_unref);
  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->filter, tp_library_filter_free);
  g_clear_object (&self->lexicon);
  g_free (self);
}

GListStore *
tp_comparison_grid_get_cell (TpComparisonGrid *self,
                             guint             topic,
                             guint             side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (topic < self->topics->len && side < self->sides->len, NULL);

  return g_ptr_array_index (self->cells, topic * self->sides->len + side);
}

guint
tp_comparison_grid_get_total (TpComparisonGrid *self,
                              guint             topic,
                              guint             side)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (topic < self->topics->len && side < self->sides->len, 0);

  return g_array_index (self->totals, guint, topic * self->sides->len + side);
}

/* Task data */

typedef struct _TaskData TaskData;

/* One query: runs on a pool thread with that thread's connection to the
 * library and returns its result through @task. */
typedef void (*QueryFunc) (GTask        *task,
                           TpStore      *store,
                           TaskData     *td,
                           GCancellable *cancellable);

struct _TaskData
{
  QueryFunc        query;
  /* Reads that a newer one replaced are dropped before they start. */
  gboolean         drop_if_cancelled;
  TpLibraryFilter *filter;
  guint            offset;
  guint            limit;
  gint64           id;
  TpStatement     *statement;
  GArray          *ids;
  GPtrArray       *sources;
  TpImportProgressFunc progress;
  gpointer         progress_data;
  GMainContext    *context;
  TpStoreJob       job;
  gpointer         job_data;
  GDestroyNotify   job_data_free;
};

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_clear_pointer (&td->filter, tp_library_filter_free);
  g_clear_pointer (&td->statement, tp_statement_unref);
  g_clear_pointer (&td->ids, g_array_unref);
  g_clear_pointer (&td->sources, g_ptr_array_unref);
  g_clear_pointer (&td->context, g_main_context_unref);
  if (td->job_data_free != NULL)
    td->job_data_free (td->job_data);
  g_free (td);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TpLibraryWorker *self = source_object;
  TaskData *td = task_data;
  GError *error = NULL;
  TpStore *store;

  if (td->drop_if_cancelled && g_task_return_error_if_cancelled (task))
    return;
  if (!(store = get_thread_store (self->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  td->query (task, store, td, cancellable);
}

/* Runs @query on a pool thread with @td (which the task takes over) and
 * delivers its result to @callback on the caller's main context: the one
 * path every asynchronous call of the worker takes. */
static void
run_query (TpLibraryWorker     *self,
           gpointer             source_tag,
           QueryFunc            query,
           TaskData            *td,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  td->query = query;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, td, task_data_free);
  /* Results of superseded queries are dropped rather than delivered. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, query_thread);
}

/* The library's own copy of the lexicon, as the journalist edited it. */
static TpLexicon *
load_lexicon (TpStore  *store,
              GError  **error)
{
  return tp_store_load_lexicon (store, error);
}

typedef struct
{
  TpImportProgressFunc func;
  gpointer             data;
  guint                done;
  guint                total;
} ProgressReport;

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  report->func (report->done, report->total, report->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (TaskData *td,
                 guint     done,
                 guint     total)
{
  ProgressReport *report;

  if (td->progress == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->func = td->progress;
  report->data = td->progress_data;
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (td->context, G_PRIORITY_DEFAULT, deliver_progress, report, g_free);
}

/* Threads */

static void
count_articles_thread (GTask        *task,
                       TpStore      *store,
                       TaskData     *td,
                       GCancellable *cancellable)
{
  TpArticleFilter filter;
  GError *error = NULL;
  gint64 count;

  fill_article_filter (&filter, td->filter);
  count = tp_store_count_articles (store, &filter, &error);
  if (count < 0 || error != NULL)
    { g_task_return_error (task, error); return; }
  g_task_return_int (task, count);
}

static void
list_articles_thread (GTask        *task,
                      TpStore      *store,
                      TaskData     *td,
                      GCancellable *cancellable)
{
  TpArticleFilter filter;
  GError *error = NULL;
  GPtrArray *rows;

  fill_article_filter (&filter, td->filter);
  rows = tp_store_list_articles (store, &filter, td->offset, td->limit, &error);
  if (rows == NULL)
    { g_task_return_error (task, error); return; }
  g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_facets_thread (GTask        *task,
                    TpStore      *store,
                    TaskData     *td,
                    GCancellable *cancellable)
{
  g_autoptr(TpLibraryFacets) facets = g_new0 (TpLibraryFacets, 1);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GError *error = NULL;

  if (!(facets->outlets = tp_store_list_outlets (store, &error)))
    { g_task_return_error (task, error); return; }
  if (!(facets->languages = tp_store_list_languages (store, &error)))
    { g_task_return_error (task, error); return; }
  if (!(tags = tp_store_list_tags (store, &error)))
    { g_task_return_error (task, error); return; }
  for (guint i = 0; i < tags->len; i++)
    g_strv_builder_add (builder, ((TpTag *) g_ptr_array_index (tags, i))->name);
  facets->tags = g_strv_builder_end (builder);
  g_task_return_pointer (task, g_steal_pointer (&facets), (GDestroyNotify) tp_library_facets_free);
}

static void
load_lexicon_thread (GTask        *task,
                     TpStore      *store,
                     TaskData     *td,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  TpLexicon *lexicon;

  if (!(lexicon = load_lexicon (store, &error)))
    { g_task_return_error (task, error); return; }
  g_task_return_pointer (task, lexicon, g_object_unref);
}

static gint
compare_statement_start (gconstpointer a,
                         gconstpointer b)
{
  const TpStatement *sa = *(TpStatement * const *) a;
  const TpStatement *sb = *(TpStatement * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->end < sb->end ? -1 : sa->end > sb->end;
}

static void
load_article_thread (GTask        *task,
                     TpStore      *store,
                     TaskData     *td,
                     GCancellable *cancellable)
{
  g_autoptr(TpArticleDocument) doc = g_new0 (TpArticleDocument, 1);
  TpStatementFilter filter = { 0 };
  GError *error = NULL;

  if (!(doc->article = tp_store_get_article (store, td->id, &error)))
    { g_task_return_error (task, error); return; }
  filter.article_id = td->id;
  if (!(doc->statements = tp_store_list_statements (store, &filter, 0, 0, &error)))
    { g_task_return_error (task, error); return; }
  g_ptr_array_sort (doc->statements, compare_statement_start);
  g_task_return_pointer (task, g_steal_pointer (&doc), (GDestroyNotify) tp_article_document_free);
}

static void
save_statement_thread (GTask        *task,
                       TpStore      *store,
                       TaskData     *td,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 id = td->statement->id;

  if (id == 0)
    {
      if (!tp_store_add_statement (store, td->statement->article_id, td->statement, &id, &error))
        { g_task_return_error (task, error); return; }
    }
  else if (!tp_store_update_statement (store, td->statement, &error))
    { g_task_return_error (task, error); return; }
  g_task_return_int (task, id);
}

static void
delete_articles_thread (GTask        *task,
                        TpStore      *store,
                        TaskData     *td,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  for (guint i = 0; i < td->ids->len; i++)
    {
      gint64 id = g_array_index (td->ids, gint64, i);

      if (!tp_store_delete_article (store, id, &error) &&
          !g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND))
        { g_task_return_error (task, error); return; }
      g_clear_error (&error);
    }
  g_task_return_boolean (task, TRUE);
}

static TpArticle *
load_source (TpImportSource  *source,
             GCancellable    *cancellable,
             GError         **error)
{
  TpArticle *article;

  if (source->file != NULL)
    article = tp_source_load_file (source->file, cancellable, error);
  else
    article = tp_source_load_bytes (source->text, "text/plain", "UTF-8", NULL,
                                    TP_ORIGIN_PASTE, error);
  if (article == NULL)
    return NULL;

#define OVERRIDE(field) \
  if (source->field != NULL) { g_free (article->field); article->field = g_strdup (source->field); }
  OVERRIDE (title);
  OVERRIDE (outlet);
  OVERRIDE (language);
  OVERRIDE (published);
#undef OVERRIDE
  return article;
}

static void
import_thread (GTask        *task,
               TpStore      *store,
               TaskData     *td,
               GCancellable *cancellable)
{
  g_autoptr(TpImportReport) report = g_new0 (TpImportReport, 1);
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;
  GError *error = NULL;

  report->failures = g_ptr_array_new_with_free_func (g_free);
  report->article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!(lexicon = load_lexicon (store, &error)))
    { g_task_return_error (task, error); return; }
  extractor = tp_extractor_new (lexicon);

  report_progress (td, 0, td->sources->len);
  for (guint i = 0; i < td->sources->len; i++)
    {
      TpImportSource *source = g_ptr_array_index (td->sources, i);
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GError) item_error = NULL;
      gint64 id = 0;

      if (g_cancellable_is_cancelled (cancellable))
        {
          report->cancelled = TRUE;
          break;
        }

      article = load_source (source, cancellable, &item_error);
      if (article != NULL)
        {
          statements = tp_extractor_run (extractor, article);
          if (statements == NULL)
            statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
          if (tp_store_add_article (store, article, statements, &id, &item_error))
            {
              report->imported++;
              g_array_append_val (report->article_ids, id);
            }
        }

      if (item_error != NULL)
        {
          if (g_error_matches (item_error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
            report->duplicates++;
          else if (g_error_matches (item_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                   g_error_matches (item_error, TP_INGEST_ERROR, TP_INGEST_ERROR_CANCELLED))
            {
              report->cancelled = TRUE;
              break;
            }
          else
            {
              report->failed++;
              g_ptr_array_add (report->failures,
                               g_strdup_printf ("%s: %s", source->label, item_error->message));
            }
        }
      report_progress (td, i + 1, td->sources->len);
    }

  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) tp_import_report_free);
}

/* Reads the articles of the listed statements once each, for citations. */
static TpArticle *
lookup_article (TpStore     *store,
                GHashTable  *cache,
                gint64       id)
{
  TpArticle *article = g_hash_table_lookup (cache, &id);

  if (article == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      article = tp_store_get_article (store, id, NULL);
      if (article == NULL)
        article = tp_article_new ();
      g_hash_table_insert (cache, key, article);
    }
  return article;
}

static TpStatementRow *
make_statement_row (TpStore     *store,
                    GHashTable  *cache,
                    TpStatement *statement)
{
  TpArticle *article = lookup_article (store, cache, statement->article_id);

  return tp_statement_row_new (statement, article->title, article->outlet,
                               article->published != NULL ? article->published
                                                          : article->imported);
}

/* How many statements a side's timeline shows at most. */
#define TIMELINE_LIMIT 2000

static void
compare_thread (GTask        *task,
                TpStore      *store,
                TaskData     *td,
                GCancellable *cancellable)
{
  g_autoptr(TpComparisonGrid) grid = g_new0 (TpComparisonGrid, 1);
  g_autoptr(TpComparison) comparison = NULL;
  g_autoptr(GHashTable) articles = NULL;
  TpComparisonFilter filter = { 0 };
  const char *outlets[2] = { NULL, NULL };
  const char *languages[2] = { NULL, NULL };
  const char *tags[2] = { NULL, NULL };
  GError *error = NULL;
  guint n_topics, n_sides;

#define NONEMPTY(s) ((s) != NULL && *(s) != '\0' ? (s) : NULL)
  outlets[0] = NONEMPTY (td->filter->outlet);
  languages[0] = NONEMPTY (td->filter->language);
  tags[0] = NONEMPTY (td->filter->tag);
  filter.date_from = NONEMPTY (td->filter->date_from);
  filter.date_until = NONEMPTY (td->filter->date_until);
#undef NONEMPTY
  filter.outlets = outlets[0] != NULL ? outlets : NULL;
  filter.languages = languages[0] != NULL ? languages : NULL;
  filter.tags = tags[0] != NULL ? tags : NULL;
  /* The store's comparison leaves rejected statements out when no mask is
   * given; "any status" must ask for every status. */
  filter.review_mask = td->filter->review_mask != 0 ? td->filter->review_mask
                                                    : (TP_REVIEW_MASK (TP_REVIEW_AUTO) |
                                                       TP_REVIEW_MASK (TP_REVIEW_CONFIRMED) |
                                                       TP_REVIEW_MASK (TP_REVIEW_EDITED) |
                                                       TP_REVIEW_MASK (TP_REVIEW_REJECTED));
  filter.max_per_cell = td->limit;

  comparison = tp_comparison_new (store, &filter, &error);
  if (comparison == NULL)
    { g_task_return_error (task, error); return; }
  if (g_task_return_error_if_cancelled (task))
    return;

  grid->lexicon = g_object_ref (tp_comparison_get_lexicon (comparison));
  grid->filter = tp_library_filter_copy (td->filter);
  n_topics = tp_comparison_get_n_topics (comparison);
  n_sides = tp_comparison_get_n_sides (comparison);
  grid->sides = g_ptr_array_new ();
  grid->topics = g_ptr_array_new ();
  for (guint s = 0; s < n_sides; s++)
    g_ptr_array_add (grid->sides, (gpointer) tp_comparison_get_side (comparison, s));
  for (guint t = 0; t < n_topics; t++)
    g_ptr_array_add (grid->topics, (gpointer) tp_comparison_get_topic (comparison, t));
  grid->cells = g_ptr_array_new_with_free_func (g_object_unref);
  grid->totals = g_array_new (FALSE, TRUE, sizeof (guint));
  grid->timelines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint t = 0; t < n_topics; t++)
    for (guint s = 0; s < n_sides; s++)
      {
        GPtrArray *items = tp_comparison_get_cell (comparison, t, s);
        GListStore *cell = g_list_store_new (TP_TYPE_STATEMENT_ROW);
        guint total = tp_comparison_get_cell_total (comparison, t, s);

        for (guint i = 0; items != NULL && i < items->len; i++)
          {
            TpComparisonItem *item = g_ptr_array_index (items, i);
            g_autoptr(TpStatementRow) row =
              tp_statement_row_new (item->statement, item->article->title, item->article->outlet,
                                    item->date);
            g_list_store_append (cell, row);
          }
        g_ptr_array_add (grid->cells, cell);
        g_array_append_val (grid->totals, total);
      }

  /* Timelines: each side's latest statements, whatever their topic. */
  articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) tp_article_unref);
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = g_ptr_array_index (grid->sides, s);
      g_autoptr(GPtrArray) found = NULL;
      GPtrArray *line = g_ptr_array_new_with_free_func (g_object_unref);
      TpStatementFilter statement_filter;

      fill_statement_filter (&statement_filter, td->filter);
      statement_filter.side = side->key;
      if (statement_filter.review_mask == 0)
        statement_filter.review_mask = filter.review_mask;
      found = tp_store_list_statements (store, &statement_filter, 0, TIMELINE_LIMIT, &error);
      if (found == NULL)
        {
          g_ptr_array_unref (line);
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < found->len; i++)
        {
          TpStatement *st = g_ptr_array_index (found, i);

          /* Only statements without a date of their own need their article. */
          if (st->said_on != NULL)
            g_ptr_array_add (line, tp_statement_row_new (st, NULL, NULL, NULL));
          else
            g_ptr_array_add (line, make_statement_row (store, articles, st));
        }
      g_ptr_array_add (grid->timelines, line);
    }

  g_task_return_pointer (task, g_steal_pointer (&grid), (GDestroyNotify) tp_comparison_grid_free);
}

/* Re-attribution analyses every article again with the library's current
 * lexicon. tp_store_replace_statements() keeps what a journalist made or
 * reviewed (confirmed, edited, rejected, hand-made) and replaces only the
 * machine's statements. */
static void
reattribute_thread (GTask        *task,
                    TpStore      *store,
                    TaskData     *td,
                    GCancellable *cancellable)
{
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TpArticleFilter filter = { 0 };
  GError *error = NULL;
  const guint page = 1000;
  guint done = 0;

  if (!(lexicon = load_lexicon (store, &error)))
    { g_task_return_error (task, error); return; }
  extractor = tp_extractor_new (lexicon);

  /* Collect the ids first: replacing statements while paging through the
   * article list would not move rows, but it keeps each step short. */
  for (guint offset = 0; ; offset += page)
    {
      g_autoptr(GPtrArray) summaries = tp_store_list_articles (store, &filter, offset, page, &error);

      if (summaries == NULL)
        { g_task_return_error (task, error); return; }
      for (guint i = 0; i < summaries->len; i++)
        {
          TpArticleSummary *summary = g_ptr_array_index (summaries, i);
          g_array_append_val (ids, summary->article->id);
        }
      if (summaries->len < page)
        break;
    }

  report_progress (td, 0, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      article = tp_store_get_article (store, g_array_index (ids, gint64, i), &error);
      if (article == NULL)
        {
          if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND))
            {
              g_clear_error (&error);
              continue;
            }
          g_task_return_error (task, error);
          return;
        }
      statements = tp_extractor_run (extractor, article);
      if (statements == NULL)
        statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
      if (!tp_store_replace_statements (store, article->id, statements, &error))
        { g_task_return_error (task, error); return; }
      done++;
      if (done % 20 == 0 || done == ids->len)
        report_progress (td, done, ids->len);
    }
  g_task_return_int (task, done);
}

static void
run_job_thread (GTask        *task,
                TpStore      *store,
                TaskData     *td,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (!td->job (store, td->job_data, &error))
    { g_task_return_error (task, error); return; }
  g_task_return_boolean (task, TRUE);
}

/* GObject overrides */

static void
tp_library_worker_finalize (GObject *object)
{
  TpLibraryWorker *self = TP_LIBRARY_WORKER (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tp_library_worker_parent_class)->finalize (object);
}

static void
tp_library_worker_class_init (TpLibraryWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tp_library_worker_finalize;
}

static void
tp_library_worker_init (TpLibraryWorker *self)
{
}

/* Public API */

TpLibraryWorker *
tp_library_worker_new (const char *path)
{
  TpLibraryWorker *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TP_TYPE_LIBRARY_WORKER, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
tp_library_worker_get_path (TpLibraryWorker *self)
{
  g_return_val_if_fail (TP_IS_LIBRARY_WORKER (self), NULL);
  return self->path;
}

void
tp_library_worker_count_articles_async (TpLibraryWorker       *self,
                                        const TpLibraryFilter *filter,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  td->filter = tp_library_filter_copy (filter);
  td->drop_if_cancelled = TRUE;
  run_query (self, tp_library_worker_count_articles_async, count_articles_thread, td,
             cancellable, callback, user_data);
}

gint64
tp_library_worker_count_articles_finish (TpLibraryWorker  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

void
tp_library_worker_list_articles_async (TpLibraryWorker       *self,
                                       const TpLibraryFilter *filter,
                                       guint                  offset,
                                       guint                  limit,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  td->filter = tp_library_filter_copy (filter);
  td->offset = offset;
  td->limit = limit;
  td->drop_if_cancelled = TRUE;
  run_query (self, tp_library_worker_list_articles_async, list_articles_thread, td,
             cancellable, callback, user_data);
}

/**
 * tp_library_worker_list_articles_finish:
 *
 * Returns: (transfer container) (element-type TpArticleSummary): one page
 */
GPtrArray *
tp_library_worker_list_articles_finish (TpLibraryWorker  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tp_library_worker_list_facets_async (TpLibraryWorker     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  run_query (self, tp_library_worker_list_facets_async, list_facets_thread, td,
             cancellable, callback, user_data);
}

TpLibraryFacets *
tp_library_worker_list_facets_finish (TpLibraryWorker  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tp_library_worker_load_lexicon_async (TpLibraryWorker     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  run_query (self, tp_library_worker_load_lexicon_async, load_lexicon_thread, td,
             cancellable, callback, user_data);
}

TpLexicon *
tp_library_worker_load_lexicon_finish (TpLibraryWorker  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tp_library_worker_load_article_async (TpLibraryWorker     *self,
                                      gint64               article_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  td->id = article_id;
  run_query (self, tp_library_worker_load_article_async, load_article_thread, td,
             cancellable, callback, user_data);
}

TpArticleDocument *
tp_library_worker_load_article_finish (TpLibraryWorker  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tp_library_worker_save_statement_async:
 * @statement: a statement with an id (updated) or without one and with an
 *   @article_id (added); the worker keeps a reference, so the caller must
 *   not change it until the save has finished
 */
void
tp_library_worker_save_statement_async (TpLibraryWorker     *self,
                                        TpStatement         *statement,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));
  g_return_if_fail (statement != NULL);

  td = g_new0 (TaskData, 1);
  td->statement = tp_statement_ref (statement);
  run_query (self, tp_library_worker_save_statement_async, save_statement_thread, td,
             cancellable, callback, user_data);
}

gint64
tp_library_worker_save_statement_finish (TpLibraryWorker  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

void
tp_library_worker_delete_articles_async (TpLibraryWorker     *self,
                                         GArray              *article_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));
  g_return_if_fail (article_ids != NULL);

  td = g_new0 (TaskData, 1);
  td->ids = g_array_ref (article_ids);
  run_query (self, tp_library_worker_delete_articles_async, delete_articles_thread, td,
             cancellable, callback, user_data);
}

gboolean
tp_library_worker_delete_articles_finish (TpLibraryWorker  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tp_library_worker_import_async:
 * @sources: (element-type TpImportSource) (transfer container): what to import
 * @progress: (nullable): called on the caller's main context after each source
 */
void
tp_library_worker_import_async (TpLibraryWorker      *self,
                                GPtrArray            *sources,
                                TpImportProgressFunc  progress,
                                gpointer              progress_data,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));
  g_return_if_fail (sources != NULL);

  td = g_new0 (TaskData, 1);
  td->sources = g_ptr_array_ref (sources);
  td->progress = progress;
  td->progress_data = progress_data;
  td->context = g_main_context_ref_thread_default ();
  run_query (self, tp_library_worker_import_async, import_thread, td,
             cancellable, callback, user_data);
}

TpImportReport *
tp_library_worker_import_finish (TpLibraryWorker  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tp_library_worker_compare_async (TpLibraryWorker       *self,
                                 const TpLibraryFilter *filter,
                                 guint                  per_cell,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  td->filter = tp_library_filter_copy (filter);
  td->limit = MAX (per_cell, 1);
  run_query (self, tp_library_worker_compare_async, compare_thread, td,
             cancellable, callback, user_data);
}

TpComparisonGrid *
tp_library_worker_compare_finish (TpLibraryWorker  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tp_library_worker_reattribute_async (TpLibraryWorker      *self,
                                     TpImportProgressFunc  progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));

  td = g_new0 (TaskData, 1);
  td->progress = progress;
  td->progress_data = progress_data;
  td->context = g_main_context_ref_thread_default ();
  run_query (self, tp_library_worker_reattribute_async, reattribute_thread, td,
             cancellable, callback, user_data);
}

/**
 * tp_library_worker_reattribute_finish:
 *
 * Returns: how many articles were analysed again
 */
guint
tp_library_worker_reattribute_finish (TpLibraryWorker  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  gssize changed;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  changed = g_task_propagate_int (G_TASK (result), error);
  return changed < 0 ? 0 : (guint) changed;
}

void
tp_library_worker_run_async (TpLibraryWorker     *self,
                             TpStoreJob           job,
                             gpointer             job_data,
                             GDestroyNotify       job_data_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TaskData *td;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (self));
  g_return_if_fail (job != NULL);

  td = g_new0 (TaskData, 1);
  td->job = job;
  td->job_data = job_data;
  td->job_data_free = job_data_free;
  run_query (self, tp_library_worker_run_async, run_job_thread, td,
             cancellable, callback, user_data);
}

gboolean
tp_library_worker_run_finish (TpLibraryWorker  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tp_library_worker_dup_sample_sources:
 *
 * The sample library's articles, read from the application's resources,
 * with the titles and outlets that mark them as samples.
 *
 * Returns: (transfer container) (element-type TpImportSource): sources
 */
GPtrArray *
tp_library_worker_dup_sample_sources (GError **error)
{
  g_autoptr(GBytes) index = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) sources = NULL;
  g_auto(GStrv) groups = NULL;

  index = g_resources_lookup_data (SAMPLES_BASE "samples.ini", 0, error);
  if (index == NULL)
    return NULL;
  if (!g_key_file_load_from_bytes (keyfile, index, G_KEY_FILE_NONE, error))
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);
  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SAMPLES_BASE, groups[i], NULL);
      g_autoptr(GBytes) text = g_resources_lookup_data (path, 0, error);
      TpImportSource *source;
      gsize len;
      const char *data;

      if (text == NULL)
        return NULL;
      data = g_bytes_get_data (text, &len);
      source = tp_import_source_new_for_text (data, len);
      g_free (source->label);
      source->label = g_strdup (groups[i]);
      source->title = g_key_file_get_string (keyfile, groups[i], "title", NULL);
      source->outlet = g_key_file_get_string (keyfile, groups[i], "outlet", NULL);
      source->language = g_key_file_get_string (keyfile, groups[i], "language", NULL);
      source->published = g_key_file_get_string (keyfile, groups[i], "published", NULL);
      g_ptr_array_add (sources, source);
    }
  return g_steal_pointer (&sources);
}
