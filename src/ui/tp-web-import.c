/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-web-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-extractor.h"
#include "tp-web-import.h"

typedef struct
{
  char      *url;
  TpArticle *article;
  gint64     article_id;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_clear_pointer (&d->article, tp_article_unref);
  g_free (d->url);
  g_free (d);
}

/* Auxiliary methods */

/* Runs on a worker thread, with that thread's store. */
static gboolean
store_article_job (TpStore  *store,
                   gpointer  data,
                   GError  **error)
{
  ImportData *d = data;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(GPtrArray) statements = NULL;

  lexicon = tp_store_load_lexicon (store, error);
  if (lexicon == NULL)
    return FALSE;
  extractor = tp_extractor_new (lexicon);
  statements = tp_extractor_run (extractor, d->article);
  if (statements == NULL)
    statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  return tp_store_add_article (store, d->article, statements, &d->article_id, error);
}

/* Callbacks */

static void
on_article_stored_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, d->article_id);
}

static void
on_article_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *d = g_task_get_task_data (task);
  TpLibraryWorker *worker = g_task_get_source_object (task);
  GError *error = NULL;

  d->article = tp_fetcher_fetch_article_finish (TP_FETCHER (source), result, &error);
  if (d->article == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (d->article->url == NULL)
    d->article->url = g_strdup (d->url);
  d->article->origin = TP_ORIGIN_URL;

  /* The task data outlives the store job: the job borrows it. */
  tp_library_worker_run_async (worker, store_article_job, d, NULL,
                               g_task_get_cancellable (task), on_article_stored_cb,
                               g_object_ref (task));
}

/* Public API */

/**
 * tp_web_import_looks_like_url:
 * @text: pasted or typed text
 *
 * Whether @text, once trimmed, is one http or https address and nothing
 * else, so that pasting it imports the page rather than the text.
 */
gboolean
tp_web_import_looks_like_url (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || strpbrk (trimmed, " \t\r\n") != NULL)
    return FALSE;
  return tp_fetcher_is_web_url (trimmed);
}

/**
 * tp_web_import_async:
 * @worker: the library's worker
 * @fetcher: (nullable): the fetcher; %NULL for the shared one
 * @url: an http or https address
 * @cancellable: (nullable): stops the fetch or the store
 * @callback: called on the main context when the article is stored or failed
 * @user_data: data for @callback
 *
 * Fetches the page at @url, finds its statements and stores both.
 */
void
tp_web_import_async (TpLibraryWorker     *worker,
                     TpFetcher           *fetcher,
                     const char          *url,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  ImportData *d;

  g_return_if_fail (TP_IS_LIBRARY_WORKER (worker));
  g_return_if_fail (fetcher == NULL || TP_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);

  task = g_task_new (worker, cancellable, callback, user_data);
  g_task_set_source_tag (task, tp_web_import_async);
  d = g_new0 (ImportData, 1);
  d->url = g_strstrip (g_strdup (url));
  g_task_set_task_data (task, d, import_data_free);

  tp_fetcher_fetch_article_async (fetcher != NULL ? fetcher : tp_fetcher_get_default (), d->url,
                                  cancellable, on_article_fetched_cb, task);
}

/**
 * tp_web_import_finish:
 * @out_title: (out) (optional) (transfer full): the article's title, or
 *   %NULL when the page had none
 *
 * Errors are the fetcher's (%TP_FETCH_ERROR), the page reader's, or the
 * store's; %TP_STORE_ERROR_DUPLICATE when the article is already in the
 * library (the title is still set).
 *
 * Returns: the stored article's id, or 0 on error
 */
gint64
tp_web_import_finish (TpLibraryWorker  *worker,
                      GAsyncResult     *result,
                      char            **out_title,
                      GError          **error)
{
  ImportData *d;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, worker), 0);

  d = g_task_get_task_data (G_TASK (result));
  if (out_title != NULL)
    *out_title = d->article != NULL ? g_strdup (d->article->title) : NULL;
  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : id;
}
