/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-article-list"

#include "config.h"

#include "tp-article-list.h"
#include "tp-article-row.h"

/* A GListModel over the library's articles, newest first, that reads from
 * the store one page at a time. A library holds 100k articles and more;
 * reading them all would take seconds, so the list announces its length from
 * a count query and hands out empty rows that fill in when their page
 * arrives from the worker. The first page is read together with the count,
 * so the list never shows a screenful of empty rows at start.
 *
 * Rows can be hidden (an article deleted but still undoable): positions in
 * the model skip hidden rows of the underlying result. */

#define PAGE_SIZE TP_ARTICLE_LIST_PAGE_SIZE

struct _TpArticleList
{
  GObject          parent_instance;

  TpLibraryWorker *worker;
  TpLibraryFilter *filter;
  GCancellable    *cancellable;
  guint            generation;

  guint            total;       /* rows of the current result */
  GPtrArray       *rows;        /* TpArticleRow or NULL, by result position */
  GPtrArray       *summaries;   /* TpArticleSummary or NULL, by result position */
  GHashTable      *pages;       /* page index → TRUE once requested */
  GArray          *hidden;      /* guint result positions, ascending */

  /* The count and first page of a new result, until both are in. */
  gint64           pending_count;
  GPtrArray       *pending_page;
  gboolean         loading;

  /* A first page read ahead, used if the next reload asks for its filter. */
  TpLibraryFirstPage *offered;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpArticleList, tp_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  TpArticleList *self;
  guint          generation;
  guint          page;
} PageRequest;

/* Auxiliary methods */

static void
free_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
free_summary (gpointer summary)
{
  if (summary != NULL)
    tp_article_summary_unref (summary);
}

static guint
visible_length (TpArticleList *self)
{
  return self->total - self->hidden->len;
}

static guint
to_result_position (TpArticleList *self,
                    guint          position)
{
  for (guint i = 0; i < self->hidden->len; i++)
    {
      if (g_array_index (self->hidden, guint, i) <= position)
        position++;
      else
        break;
    }
  return position;
}

static void
set_loading (TpArticleList *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
store_page (TpArticleList *self,
            guint          page,
            GPtrArray     *summaries)
{
  for (guint i = 0; i < summaries->len; i++)
    {
      guint pos = page * PAGE_SIZE + i;
      TpArticleSummary *summary = g_ptr_array_index (summaries, i);
      TpArticleRow *row;

      if (pos >= self->total)
        break;
      free_summary (g_ptr_array_index (self->summaries, pos));
      g_ptr_array_index (self->summaries, pos) = tp_article_summary_ref (summary);
      /* Rows handed out fill in; the others are made when asked for. */
      row = g_ptr_array_index (self->rows, pos);
      if (row != NULL)
        tp_article_row_set_summary (row, summary);
    }
}

static void
on_page_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PageRequest *request = user_data;
  TpArticleList *self = request->self;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = tp_library_worker_list_articles_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (request->generation == self->generation)
    {
      if (summaries != NULL)
        store_page (self, request->page, summaries);
      else
        {
          /* Let a later get_item() ask again. */
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (request->page));
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_warning ("Cannot read the article list: %s", error->message);
        }
    }
  g_object_unref (self);
  g_free (request);
}

static void
request_page (TpArticleList *self,
              guint          page)
{
  PageRequest *request;

  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pages, GUINT_TO_POINTER (page));

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->page = page;
  tp_library_worker_list_articles_async (self->worker, self->filter, page * PAGE_SIZE, PAGE_SIZE,
                                         self->cancellable, on_page_listed_cb, request);
}

static void
finish_reload (TpArticleList *self)
{
  guint old_length = visible_length (self);
  guint new_total = (guint) MAX (self->pending_count, 0);
  g_autoptr(GPtrArray) first_page = g_steal_pointer (&self->pending_page);
  gboolean in_place = self->hidden->len == 0;
  guint keep = in_place ? MIN (self->total, new_total) : 0;

  /* Rows the view holds stay the same objects and take the new result's
   * article at their position, so a new search refills the cells on screen
   * instead of making the view rebuild every row. Rows nobody holds are
   * dropped. */
  g_ptr_array_set_size (self->rows, keep);
  for (guint pos = 0; pos < keep; pos++)
    {
      TpArticleRow *row = g_ptr_array_index (self->rows, pos);

      if (row != NULL && G_OBJECT (row)->ref_count == 1)
        {
          g_object_unref (row);
          g_ptr_array_index (self->rows, pos) = NULL;
        }
    }
  g_ptr_array_set_size (self->summaries, 0);
  g_ptr_array_set_size (self->summaries, new_total);
  g_ptr_array_set_size (self->rows, new_total);
  g_hash_table_remove_all (self->pages);
  g_array_set_size (self->hidden, 0);
  self->total = new_total;
  g_hash_table_add (self->pages, GUINT_TO_POINTER (0));
  store_page (self, 0, first_page);

  for (guint pos = MIN (first_page->len, keep); pos < keep; pos++)
    {
      TpArticleRow *row = g_ptr_array_index (self->rows, pos);

      if (row == NULL)
        continue;
      tp_article_row_set_summary (row, NULL);
      request_page (self, pos / PAGE_SIZE);
    }

  if (in_place)
    {
      if (old_length != keep || new_total != keep)
        g_list_model_items_changed (G_LIST_MODEL (self), keep, old_length - keep, new_total - keep);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_length, new_total);
  set_loading (self, FALSE);
}

static void
on_first_page_listed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PageRequest *request = user_data;
  TpArticleList *self = request->self;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = tp_library_worker_list_articles_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (request->generation == self->generation)
    {
      if (summaries == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_warning ("Cannot read the article list: %s", error->message);
          summaries = g_ptr_array_new ();
          self->pending_count = 0;
        }
      self->pending_page = g_steal_pointer (&summaries);
      if (self->pending_count >= 0)
        finish_reload (self);
    }
  g_object_unref (self);
  g_free (request);
}

static void
on_count_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PageRequest *request = user_data;
  TpArticleList *self = request->self;
  g_autoptr(GError) error = NULL;
  gint64 count;

  count = tp_library_worker_count_articles_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (request->generation == self->generation)
    {
      if (error != NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_warning ("Cannot count the articles: %s", error->message);
          count = 0;
        }
      self->pending_count = count;
      if (self->pending_page != NULL)
        finish_reload (self);
    }
  g_object_unref (self);
  g_free (request);
}

/* GListModel */

static GType
tp_article_list_get_item_type (GListModel *model)
{
  return TP_TYPE_ARTICLE_ROW;
}

static guint
tp_article_list_get_n_items (GListModel *model)
{
  return visible_length (TP_ARTICLE_LIST (model));
}

static gpointer
tp_article_list_get_item (GListModel *model,
                          guint       position)
{
  TpArticleList *self = TP_ARTICLE_LIST (model);
  TpArticleRow *row;
  guint pos;

  if (position >= visible_length (self))
    return NULL;

  pos = to_result_position (self, position);
  row = g_ptr_array_index (self->rows, pos);
  if (row == NULL)
    {
      row = tp_article_row_new ();
      tp_article_row_set_summary (row, g_ptr_array_index (self->summaries, pos));
      g_ptr_array_index (self->rows, pos) = row;
    }
  if (tp_article_row_get_summary (row) == NULL)
    request_page (self, pos / PAGE_SIZE);
  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tp_article_list_get_item_type;
  iface->get_n_items = tp_article_list_get_n_items;
  iface->get_item = tp_article_list_get_item;
}

/* GObject overrides */

static void
tp_article_list_dispose (GObject *object)
{
  TpArticleList *self = TP_ARTICLE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (tp_article_list_parent_class)->dispose (object);
}

static void
tp_article_list_finalize (GObject *object)
{
  TpArticleList *self = TP_ARTICLE_LIST (object);

  g_clear_pointer (&self->filter, tp_library_filter_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_array_unref);
  g_clear_pointer (&self->pending_page, g_ptr_array_unref);
  g_clear_pointer (&self->offered, tp_library_first_page_free);

  G_OBJECT_CLASS (tp_article_list_parent_class)->finalize (object);
}

static void
tp_article_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TpArticleList *self = TP_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_article_list_class_init (TpArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tp_article_list_dispose;
  object_class->finalize = tp_article_list_finalize;
  object_class->get_property = tp_article_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tp_article_list_init (TpArticleList *self)
{
  self->filter = tp_library_filter_new ();
  /* Rows not asked for yet are NULL. */
  self->rows = g_ptr_array_new_with_free_func (free_row);
  self->summaries = g_ptr_array_new_with_free_func (free_summary);
  self->pages = g_hash_table_new (NULL, NULL);
  self->hidden = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

TpArticleList *
tp_article_list_new (TpLibraryWorker *worker)
{
  TpArticleList *self;

  g_return_val_if_fail (TP_IS_LIBRARY_WORKER (worker), NULL);

  self = g_object_new (TP_TYPE_ARTICLE_LIST, NULL);
  self->worker = g_object_ref (worker);
  return self;
}

const TpLibraryFilter *
tp_article_list_get_filter (TpArticleList *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_LIST (self), NULL);
  return self->filter;
}

void
tp_article_list_set_filter (TpArticleList         *self,
                            const TpLibraryFilter *filter)
{
  g_return_if_fail (TP_IS_ARTICLE_LIST (self));

  if (tp_library_filter_equal (self->filter, filter) && self->generation > 0)
    return;
  tp_library_filter_free (self->filter);
  self->filter = tp_library_filter_copy (filter);
  tp_article_list_reload (self);
}

/**
 * tp_article_list_reload:
 *
 * Reads the list again (after an import or a deletion). The current rows
 * stay until the new count and first page are in, so the view never flashes
 * empty.
 */
void
tp_article_list_reload (TpArticleList *self)
{
  PageRequest *request;

  g_return_if_fail (TP_IS_ARTICLE_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->pending_count = -1;
  g_clear_pointer (&self->pending_page, g_ptr_array_unref);
  set_loading (self, TRUE);

  if (self->offered != NULL)
    {
      g_autoptr(TpLibraryFirstPage) offered = g_steal_pointer (&self->offered);

      if (tp_library_filter_equal (offered->filter, self->filter))
        {
          self->pending_count = offered->count;
          self->pending_page = g_steal_pointer (&offered->page);
          finish_reload (self);
          return;
        }
    }

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  tp_library_worker_count_articles_async (self->worker, self->filter, self->cancellable,
                                          on_count_cb, request);

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  tp_library_worker_list_articles_async (self->worker, self->filter, 0, PAGE_SIZE,
                                         self->cancellable, on_first_page_listed_cb, request);
}

/**
 * tp_article_list_offer_first_page:
 * @first_page: (transfer full): a count and first page read ahead
 *
 * Gives the list a result read ahead (while the window was being drawn).
 * The next reload takes it instead of asking the worker, if it is for the
 * same filter; any reload forgets it.
 */
void
tp_article_list_offer_first_page (TpArticleList      *self,
                                  TpLibraryFirstPage *first_page)
{
  g_return_if_fail (TP_IS_ARTICLE_LIST (self));
  g_return_if_fail (first_page != NULL && first_page->page != NULL);

  g_clear_pointer (&self->offered, tp_library_first_page_free);
  self->offered = first_page;
}

gboolean
tp_article_list_get_loading (TpArticleList *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_LIST (self), FALSE);
  return self->loading;
}

/**
 * tp_article_list_hide:
 * @position: a position in the model
 *
 * Takes a row out of the model without touching the store, for a deletion
 * that can still be undone.
 *
 * Returns: the row's position in the result, to give to
 *   tp_article_list_unhide()
 */
guint
tp_article_list_hide (TpArticleList *self,
                      guint          position)
{
  guint pos, i;

  g_return_val_if_fail (TP_IS_ARTICLE_LIST (self), G_MAXUINT);
  g_return_val_if_fail (position < visible_length (self), G_MAXUINT);

  pos = to_result_position (self, position);
  for (i = 0; i < self->hidden->len && g_array_index (self->hidden, guint, i) < pos; i++)
    ;
  g_array_insert_val (self->hidden, i, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return pos;
}

void
tp_article_list_unhide (TpArticleList *self,
                        guint          real_position)
{
  guint position = real_position;

  g_return_if_fail (TP_IS_ARTICLE_LIST (self));

  for (guint i = 0; i < self->hidden->len; i++)
    {
      guint h = g_array_index (self->hidden, guint, i);

      if (h == real_position)
        {
          g_array_remove_index (self->hidden, i);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
          return;
        }
      if (h < real_position)
        position--;
    }
}
