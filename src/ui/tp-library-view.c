/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-article-row.h"
#include "tp-library-view.h"
#include "tp-side-badges.h"
#include "tp-ui-private.h"

struct _TpLibraryView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *outlet_dropdown;
  GtkDropDown         *language_dropdown;
  GtkEntry            *since_entry;
  GtkEntry            *until_entry;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *outlet_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *language_column;
  GtkColumnViewColumn *statements_column;

  GSettings           *settings;
  TpLibraryWorker     *worker;
  TpArticleList       *list;
  GtkSingleSelection  *selection;
  TpLexicon           *lexicon;
  GCancellable        *facets_cancellable;

  GtkStringList       *outlets;      /* shown: "All outlets", then outlets */
  GtkStringList       *languages;    /* shown: "All languages", then names */
  GPtrArray           *language_codes; /* parallel to @languages */
  gboolean             updating_facets;
  GHashTable          *badge_items;   /* GtkListItem of bound badge cells */
  gboolean             facets_pending; /* read them once the list is in */
};

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpLibraryView, tp_library_view, GTK_TYPE_WIDGET)

typedef enum
{
  CELL_TITLE,
  CELL_OUTLET,
  CELL_DATE,
  CELL_LANGUAGE,
  CELL_STATEMENTS,
} CellKind;

/* Auxiliary methods */

static gboolean
is_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  return text != NULL && strlen (text) == 10 &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy (d, m, y);
}

static const char *
date_entry_value (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  if (!is_iso_date (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return text;
}

static gboolean
filter_is_empty (const TpLibraryFilter *filter)
{
  return (filter->query == NULL || *filter->query == '\0') &&
         filter->outlet == NULL && filter->language == NULL &&
         filter->date_from == NULL && filter->date_until == NULL;
}

static void
update_state (TpLibraryView *self)
{
  guint n;
  const char *page;
  g_autofree char *count = NULL;

  if (self->list == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n > 0)
    page = "list";
  else if (tp_article_list_get_loading (self->list))
    page = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "list") == 0
           ? "list" : "loading";
  else if (filter_is_empty (tp_article_list_get_filter (self->list)))
    page = "empty";
  else
    page = "no-results";
  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* The filters mean nothing in an empty library. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->outlet_dropdown)),
                          g_strcmp0 (page, "empty") != 0);

  count = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  gtk_label_set_label (self->count_label, count);
}

/* The filter the search bar, menus and dates set. */
static TpLibraryFilter *
build_filter (TpLibraryView *self)
{
  TpLibraryFilter *filter = tp_library_filter_new ();
  guint outlet = gtk_drop_down_get_selected (self->outlet_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);

  filter->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_strstrip (filter->query);
  if (outlet != GTK_INVALID_LIST_POSITION && outlet > 0)
    filter->outlet = g_strdup (gtk_string_list_get_string (self->outlets, outlet));
  if (language != GTK_INVALID_LIST_POSITION && language > 0)
    filter->language = g_strdup (g_ptr_array_index (self->language_codes, language));
  filter->date_from = g_strdup (date_entry_value (self->since_entry));
  filter->date_until = g_strdup (date_entry_value (self->until_entry));
  return filter;
}

static void
apply_filter (TpLibraryView *self)
{
  g_autoptr(TpLibraryFilter) filter = NULL;

  if (self->list == NULL || self->updating_facets)
    return;

  filter = build_filter (self);
  g_settings_set_string (self->settings, "library-outlet", filter->outlet ? filter->outlet : "");
  g_settings_set_string (self->settings, "library-language",
                         filter->language ? filter->language : "");

  /* A selection means an article; a new result has others at its place. */
  if (self->selection != NULL && !tp_library_filter_equal (filter, tp_article_list_get_filter (self->list)))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tp_article_list_set_filter (self->list, filter);
}

static void
select_string (GtkDropDown   *dropdown,
               GtkStringList *strings,
               const char    *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (strings));

  for (guint i = 1; value != NULL && *value != '\0' && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (strings, i), value) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
on_facets_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TpLibraryView *self = user_data;
  g_autoptr(TpLibraryFacets) facets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *language = NULL;
  guint n;

  facets = tp_library_worker_list_facets_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (facets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list outlets and languages: %s", error->message);
      return;
    }

  outlet = g_settings_get_string (self->settings, "library-outlet");
  language = g_settings_get_string (self->settings, "library-language");

  self->updating_facets = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->outlets));
  gtk_string_list_splice (self->outlets, 1, n - 1, (const char * const *) facets->outlets);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->languages));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    g_ptr_array_set_size (self->language_codes, 1);
    for (guint i = 0; facets->languages[i] != NULL; i++)
      {
        g_ptr_array_add (names, (gpointer) _tp_language_name (facets->languages[i]));
        g_ptr_array_add (self->language_codes, g_strdup (facets->languages[i]));
      }
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->languages, 1, n - 1, (const char * const *) names->pdata);
  }
  select_string (self->outlet_dropdown, self->outlets, outlet);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  for (guint i = 1; i < self->language_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->language_codes, i), language) == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
  self->updating_facets = FALSE;

  apply_filter (self);
}

static void
load_facets (TpLibraryView *self)
{
  g_cancellable_cancel (self->facets_cancellable);
  g_clear_object (&self->facets_cancellable);
  self->facets_cancellable = g_cancellable_new ();
  tp_library_worker_list_facets_async (self->worker, self->facets_cancellable,
                                       on_facets_listed_cb, self);
}

/* Cells */

/* Tooltips are computed when asked for: setting a tooltip text on every
 * bind makes GTK ask the X server where the pointer is, a round trip per
 * cell that made scrolling stall. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "tp-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
fill_cell (GtkListItem *item)
{
  TpLibraryView *self = g_object_get_data (G_OBJECT (item), "tp-view");
  CellKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "tp-kind"));
  TpArticleRow *row = gtk_list_item_get_item (item);
  TpArticleSummary *summary = row != NULL ? tp_article_row_get_summary (row) : NULL;
  TpArticle *article = summary != NULL ? summary->article : NULL;
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (kind == CELL_STATEMENTS)
    {
      tp_side_badges_set (TP_SIDE_BADGES (child), self->lexicon, summary);
      return;
    }

  switch (kind)
    {
    case CELL_TITLE:
      if (article == NULL)
        text = g_strdup ("…");
      else
        text = g_strdup (article->title != NULL && *article->title ? article->title
                                                                   : _("Untitled article"));
      break;
    case CELL_OUTLET:
      text = g_strdup (article != NULL && article->outlet != NULL ? article->outlet : "");
      break;
    case CELL_DATE:
      text = article != NULL ? _tp_format_date (article->published != NULL ? article->published
                                                                            : article->imported)
                             : g_strdup ("");
      break;
    case CELL_LANGUAGE:
      text = g_strdup (article != NULL ? _tp_language_name (article->language) : "");
      break;
    case CELL_STATEMENTS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (child), text);
  if (kind == CELL_TITLE)
    g_object_set_data_full (G_OBJECT (child), "tp-tooltip",
                            article != NULL ? g_strdup (text) : NULL, g_free);
}

static void
on_row_summary_notify_cb (TpArticleRow *row,
                          GParamSpec   *pspec,
                          GtkListItem  *item)
{
  fill_cell (item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TpLibraryView            *self)
{
  CellKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "tp-kind"));
  GtkWidget *child;

  if (kind == CELL_STATEMENTS)
    child = tp_side_badges_new ();
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (kind == CELL_TITLE)
        gtk_widget_add_css_class (child, "article-title");
      else
        gtk_widget_add_css_class (child, "dim-label");
      if (kind == CELL_DATE)
        gtk_widget_add_css_class (child, "numeric");
    }
  if (kind == CELL_TITLE)
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }
  g_object_set_data (G_OBJECT (item), "tp-view", self);
  g_object_set_data (G_OBJECT (item), "tp-kind", GUINT_TO_POINTER (kind));
  gtk_list_item_set_child (item, child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TpLibraryView            *self)
{
  TpArticleRow *row = gtk_list_item_get_item (item);

  g_signal_connect (row, "notify::summary", G_CALLBACK (on_row_summary_notify_cb), item);
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "tp-kind")) == CELL_STATEMENTS)
    g_hash_table_add (self->badge_items, item);
  fill_cell (item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TpLibraryView            *self)
{
  TpArticleRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_summary_notify_cb, item);
  if (self->badge_items != NULL)
    g_hash_table_remove (self->badge_items, item);
}

static void
set_factory (TpLibraryView       *self,
             GtkColumnViewColumn *column,
             CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tp-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  gtk_column_view_column_set_factory (column, factory);
}

/* Callbacks */

static void
on_search_entry_search_changed_cb (TpLibraryView  *self,
                                   GtkSearchEntry *entry)
{
  apply_filter (self);
}

static void
on_search_entry_stop_search_cb (TpLibraryView  *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_date_entry_changed_cb (TpLibraryView *self,
                          GtkEntry      *entry)
{
  apply_filter (self);
}

static void
on_dropdown_selected_notify_cb (GtkDropDown   *dropdown,
                                GParamSpec    *pspec,
                                TpLibraryView *self)
{
  apply_filter (self);
}

static void
on_column_view_activate_cb (TpLibraryView *self,
                            guint          position,
                            GtkColumnView *column_view)
{
  g_autoptr(TpArticleRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (row == NULL || tp_article_row_get_id (row) == 0)
    return;
  g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, tp_article_row_get_id (row));
}

static void
on_list_changed_cb (GListModel    *model,
                    guint          position,
                    guint          removed,
                    guint          added,
                    TpLibraryView *self)
{
  update_state (self);
}

static void
on_list_loading_notify_cb (TpArticleList *list,
                           GParamSpec    *pspec,
                           TpLibraryView *self)
{
  update_state (self);
  /* The filter menus can wait until the first rows are on screen. */
  if (!tp_article_list_get_loading (list) && self->facets_pending)
    {
      self->facets_pending = FALSE;
      load_facets (self);
    }
}

/* GObject overrides */

static void
tp_library_view_dispose (GObject *object)
{
  TpLibraryView *self = TP_LIBRARY_VIEW (object);

  g_cancellable_cancel (self->facets_cancellable);
  g_clear_object (&self->facets_cancellable);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_LIBRARY_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->worker);
  g_clear_object (&self->lexicon);
  g_clear_object (&self->settings);
  g_clear_object (&self->outlets);
  g_clear_object (&self->languages);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->badge_items, g_hash_table_unref);

  G_OBJECT_CLASS (tp_library_view_parent_class)->dispose (object);
}

static void
tp_library_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TpLibraryView *self = TP_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_library_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TpLibraryView *self = TP_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_notify_cb (GtkSearchBar  *bar,
                          GParamSpec    *pspec,
                          TpLibraryView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
tp_library_view_class_init (TpLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_library_view_dispose;
  object_class->get_property = tp_library_view_get_property;
  object_class->set_property = tp_library_view_set_property;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tplibraryview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, box);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, outlet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, title_column);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, outlet_column);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, date_column);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, language_column);
  gtk_widget_class_bind_template_child (widget_class, TpLibraryView, statements_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
tp_library_view_init (TpLibraryView *self)
{
  const char *all_outlets[] = { _("All outlets"), NULL };
  const char *all_languages[] = { _("All languages"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->badge_items = g_hash_table_new (NULL, NULL);
  self->settings = g_settings_new (APPLICATION_ID);
  self->outlets = gtk_string_list_new (all_outlets);
  self->languages = gtk_string_list_new (all_languages);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->language_codes, NULL);
  gtk_drop_down_set_model (self->outlet_dropdown, G_LIST_MODEL (self->outlets));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (self->languages));
  {
    g_autoptr(GtkExpression) expr =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->outlet_dropdown, expr);
  }
  g_signal_connect (self->outlet_dropdown, "notify::selected",
                    G_CALLBACK (on_dropdown_selected_notify_cb), self);
  g_signal_connect (self->language_dropdown, "notify::selected",
                    G_CALLBACK (on_dropdown_selected_notify_cb), self);

  g_settings_bind (self->settings, "library-since", self->since_entry, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "library-until", self->until_entry, "text",
                   G_SETTINGS_BIND_DEFAULT);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_bar, "notify::search-mode-enabled",
                    G_CALLBACK (on_search_mode_notify_cb), self);

  set_factory (self, self->title_column, CELL_TITLE);
  set_factory (self, self->outlet_column, CELL_OUTLET);
  set_factory (self, self->date_column, CELL_DATE);
  set_factory (self, self->language_column, CELL_LANGUAGE);
  set_factory (self, self->statements_column, CELL_STATEMENTS);

  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

/* Public API */

void
tp_library_view_set_worker (TpLibraryView   *self,
                            TpLibraryWorker *worker)
{
  tp_library_view_set_worker_full (self, worker, NULL);
}

/**
 * tp_library_view_set_worker_full:
 * @first_page: (transfer full) (nullable): the count and first page of
 *   tp_library_view_dup_filter()'s result, read ahead from @worker's library
 *
 * Shows the articles of @worker's library; with @first_page, the first
 * articles show at once, without waiting for the worker.
 */
void
tp_library_view_set_worker_full (TpLibraryView      *self,
                                 TpLibraryWorker    *worker,
                                 TpLibraryFirstPage *first_page)
{
  g_autoptr(TpLibraryFirstPage) offered = first_page;

  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));
  g_return_if_fail (TP_IS_LIBRARY_WORKER (worker));

  if (!g_set_object (&self->worker, worker))
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_clear_object (&self->selection);

  self->list = tp_article_list_new (worker);
  if (offered != NULL)
    tp_article_list_offer_first_page (self->list, g_steal_pointer (&offered));
  g_signal_connect (self->list, "items-changed", G_CALLBACK (on_list_changed_cb), self);
  g_signal_connect (self->list, "notify::loading", G_CALLBACK (on_list_loading_notify_cb), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  /* The first page goes out at once; outlet and language menus follow. */
  apply_filter (self);
  self->facets_pending = TRUE;
}

/**
 * tp_library_view_dup_filter:
 *
 * Returns: (transfer full): the filter the view lists articles with
 */
TpLibraryFilter *
tp_library_view_dup_filter (TpLibraryView *self)
{
  g_return_val_if_fail (TP_IS_LIBRARY_VIEW (self), NULL);
  return build_filter (self);
}

/**
 * tp_library_view_set_lexicon:
 * @lexicon: (nullable): the library's lexicon, for side names and colours
 */
void
tp_library_view_set_lexicon (TpLibraryView *self,
                             TpLexicon     *lexicon)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));

  if (!g_set_object (&self->lexicon, lexicon))
    return;
  /* Fill the bound badge cells again with the new sides. */
  g_hash_table_iter_init (&iter, self->badge_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_cell (item);
}

void
tp_library_view_reload (TpLibraryView *self)
{
  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));

  if (self->list == NULL)
    return;
  tp_article_list_reload (self->list);
  self->facets_pending = TRUE;
}

void
tp_library_view_focus_search (TpLibraryView *self)
{
  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
tp_library_view_set_search_text (TpLibraryView *self,
                                 const char    *text)
{
  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

TpArticleList *
tp_library_view_get_model (TpLibraryView *self)
{
  g_return_val_if_fail (TP_IS_LIBRARY_VIEW (self), NULL);
  return self->list;
}

GtkColumnView *
tp_library_view_get_column_view (TpLibraryView *self)
{
  g_return_val_if_fail (TP_IS_LIBRARY_VIEW (self), NULL);
  return self->column_view;
}

/**
 * tp_library_view_hide_selected:
 * @out_token: (out): what to pass to tp_library_view_unhide()
 * @out_title: (out) (transfer full): the article's title
 *
 * Takes the selected article out of the list, pending its deletion.
 *
 * Returns: the article's id, or 0 when nothing is selected
 */
gint64
tp_library_view_hide_selected (TpLibraryView  *self,
                               guint          *out_token,
                               char          **out_title)
{
  guint position;
  g_autoptr(TpArticleRow) row = NULL;
  TpArticleSummary *summary;
  gint64 id;

  g_return_val_if_fail (TP_IS_LIBRARY_VIEW (self), 0);

  if (self->selection == NULL)
    return 0;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  summary = row != NULL ? tp_article_row_get_summary (row) : NULL;
  if (summary == NULL)
    return 0;

  id = summary->article->id;
  *out_title = g_strdup (summary->article->title);
  *out_token = tp_article_list_hide (self->list, position);
  return id;
}

void
tp_library_view_unhide (TpLibraryView *self,
                        guint          token)
{
  g_return_if_fail (TP_IS_LIBRARY_VIEW (self));

  if (self->list != NULL)
    tp_article_list_unhide (self->list, token);
}
