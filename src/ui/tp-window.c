/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-feeds-page.h"
#include "tp-store-backup.h"
#include "tp-ui-private.h"
#include "tp-web-import.h"
#include "tp-window.h"

struct _TpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkToggleButton      *search_button;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  TpLibraryView        *library_view;
  AdwBin               *compare_bin;
  AdwBin               *article_bin;
  TpFeedsPage          *feeds_page;
  /* Made when first shown or asked for, or once the library is on screen:
   * building them would delay the first frame. NULL until then. */
  TpCompareView        *compare_view;
  TpArticleView        *article_view;
  guint                 make_views_id;

  GSettings            *settings;
  TpLibraryWorker      *worker;
  GCancellable         *import_cancellable;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GCancellable         *check_cancellable;
  AdwMessageDialog     *damage_dialog;
  /* An article asked for while the library was still being opened. */
  gint64                waiting_article_id;
  gint64                waiting_statement_id;
  GPtrArray            *waiting_sources;  /* TpImportSource, likewise */

  /* A deletion waiting for its Undo toast to go away. */
  AdwToast             *delete_toast;
  gint64                pending_delete_id;
  guint                 pending_delete_token;
  guint                 pending_deletes_in_flight;

  /* Until the library's content has been drawn once: TpWindow::content-presented. */
  gboolean              content_presented;
  gboolean              timed_start;
  char                 *backup_due;      /* library to back up once it is shown */
  TpArticleList        *presenting_list;
  guint                 presenting_tick_id;
  GdkFrameClock        *presenting_clock;
  gulong                presenting_paint_id;
};

enum {
  PROP_0,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORT_FINISHED,
  CONTENT_PRESENTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpWindow, tp_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_import (TpWindow  *self,
                          GPtrArray *sources);

/* Auxiliary methods */

static void
update_subtitle (TpWindow *self)
{
  g_autofree char *sample = tp_application_dup_sample_library_path ();
  g_autofree char *own = tp_application_dup_default_library_path ();
  const char *path = tp_library_worker_get_path (self->worker);
  g_autofree char *basename = g_path_get_basename (path);

  g_autofree char *title = NULL;
  const char *subtitle;

  if (g_strcmp0 (path, sample) == 0)
    subtitle = _("Sample Library");
  else if (g_strcmp0 (path, own) == 0)
    subtitle = NULL;
  else
    subtitle = basename;
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  /* The switcher hides the subtitle on wide windows; the window title,
   * shown in the overview and the window list, always names the library. */
  if (subtitle != NULL)
    /* Translators: window title, "Triptych — Sample Library" */
    title = g_strdup_printf (_("Triptych — %s"), subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Triptych"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-default-library",
                                 g_strcmp0 (path, own) != 0);
}

/* Side colours and names come from the library's lexicon. */
static void
use_lexicon (TpWindow  *self,
             TpLexicon *lexicon)
{
  _tp_side_style_install (tp_lexicon_get_sides (lexicon));
  tp_library_view_set_lexicon (self->library_view, lexicon);
}

static void
on_lexicon_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;

  lexicon = tp_library_worker_load_lexicon_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (lexicon == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot open the library: %s"), error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
        }
      return;
    }
  use_lexicon (self, lexicon);
}

static void
on_compare_view_statement_activated_cb (TpCompareView *view,
                                        gint64         article_id,
                                        gint64         statement_id,
                                        TpWindow      *self)
{
  tp_window_open_article (self, article_id, statement_id);
}

static void on_article_view_statement_saved_cb (TpArticleView *view,
                                                TpWindow      *self);

static TpCompareView *
ensure_compare_view (TpWindow *self)
{
  if (self->compare_view == NULL)
    {
      self->compare_view = g_object_new (TP_TYPE_COMPARE_VIEW, NULL);
      g_signal_connect (self->compare_view, "statement-activated",
                        G_CALLBACK (on_compare_view_statement_activated_cb), self);
      adw_bin_set_child (self->compare_bin, GTK_WIDGET (self->compare_view));
      if (self->worker != NULL)
        tp_compare_view_set_worker (self->compare_view, self->worker);
    }
  return self->compare_view;
}

static TpArticleView *
ensure_article_view (TpWindow *self)
{
  if (self->article_view == NULL)
    {
      self->article_view = g_object_new (TP_TYPE_ARTICLE_VIEW, NULL);
      g_signal_connect (self->article_view, "statement-saved",
                        G_CALLBACK (on_article_view_statement_saved_cb), self);
      adw_bin_set_child (self->article_bin, GTK_WIDGET (self->article_view));
      if (self->worker != NULL)
        tp_article_view_set_worker (self->article_view, self->worker);
    }
  return self->article_view;
}

/* Makes the views the first frame did without, so that switching to them
 * later does not wait. */
static gboolean
make_views_idle_cb (gpointer data)
{
  TpWindow *self = data;

  self->make_views_id = 0;
  ensure_compare_view (self);
  ensure_article_view (self);
  return G_SOURCE_REMOVE;
}

static void
on_visible_view_notify_cb (AdwViewStack *stack,
                           GParamSpec   *pspec,
                           TpWindow     *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  /* Search belongs to the library; elsewhere Ctrl+F brings it back. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), g_strcmp0 (name, "library") == 0);
  if (g_strcmp0 (name, "compare") == 0)
    ensure_compare_view (self);
}

static void
reload_views (TpWindow *self)
{
  tp_library_view_reload (self->library_view);
  if (self->compare_view != NULL)
    tp_compare_view_reload (self->compare_view);
}

static void
set_importing (TpWindow *self,
               gboolean  importing)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", importing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  TpWindow *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: import progress, "Importing 3 of 10…" */
  text = g_strdup_printf (_("Importing %u of %u…"), MIN (done + 1, total), total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

static void
on_failures_toast_clicked_cb (AdwToast *toast,
                              gpointer  user_data)
{
  TpWindow *self = TP_WINDOW (user_data);
  const char *details = g_object_get_data (G_OBJECT (toast), "tp-failures");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Some Articles Were Not Imported"),
                                   details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_report (TpImportReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("Imported %u article",
                                                     "Imported %u articles",
                                                     report->imported),
                                           report->imported));
  if (report->duplicates > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u already in the library",
                                                       "%u already in the library",
                                                       report->duplicates),
                                             report->duplicates));
  if (report->failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u failed", "%u failed", report->failed),
                                             report->failed));
  if (report->cancelled)
    g_ptr_array_add (parts, g_strdup (_("cancelled")));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of the import summary */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(TpImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_clear_object (&self->import_cancellable);
  set_importing (self, FALSE);

  report = tp_library_worker_import_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (report == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Import failed: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
      return;
    }

  {
    g_autofree char *summary = describe_report (report);
    toast = adw_toast_new (summary);
  }
  adw_toast_set_timeout (toast, report->failed > 0 ? 0 : 5);
  if (report->failed > 0)
    {
      g_ptr_array_add (report->failures, NULL);
      g_object_set_data_full (G_OBJECT (toast), "tp-failures",
                              g_strjoinv ("\n", (char **) report->failures->pdata), g_free);
      g_ptr_array_remove_index (report->failures, report->failures->len - 1);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_failures_toast_clicked_cb), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  if (report->imported > 0)
    {
      reload_views (self);
    }
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, report);
}

static void
on_reattribute_progress (guint    done,
                         guint    total,
                         gpointer user_data)
{
  TpWindow *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: progress of analysing stored articles again after a lexicon change */
  text = g_strdup_printf (_("Filing statements again: article %u of %u…"), done, total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
}

static void
on_reattribute_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;
  guint n;

  g_clear_object (&self->import_cancellable);
  set_importing (self, FALSE);

  n = tp_library_worker_reattribute_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        msg = g_strdup (_("Filing statements again was cancelled"));
      else
        msg = g_strdup_printf (_("Cannot file statements again: %s"), error->message);
    }
  else
    msg = g_strdup_printf (ngettext ("Statements of %u article filed again; reviewed ones were kept",
                                     "Statements of %u articles filed again; reviewed ones were kept",
                                     n), n);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
  tp_library_worker_load_lexicon_async (self->worker, self->cancellable,
                                        on_lexicon_loaded_cb, g_object_ref (self));
  reload_views (self);
}

static void
start_import (TpWindow  *self,
              GPtrArray *sources)
{
  if (sources->len == 0)
    return;

  /* Nothing is written to a library before it is known to open: the import
   * starts once it does (and never, into a damaged file). */
  if (self->check_cancellable != NULL)
    {
      if (self->waiting_sources == NULL)
        self->waiting_sources =
          g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);
      for (guint i = 0; i < sources->len; i++)
        g_ptr_array_add (self->waiting_sources, g_ptr_array_index (sources, i));
      /* The sources now belong to the waiting list. */
      g_ptr_array_set_free_func (sources, NULL);
      g_ptr_array_set_size (sources, 0);
      g_ptr_array_set_free_func (sources, (GDestroyNotify) tp_import_source_free);
      return;
    }

  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Wait for the current import to finish")));
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  on_import_progress (0, sources->len, self);
  set_importing (self, TRUE);
  tp_library_worker_import_async (self->worker, sources, on_import_progress, self,
                                  self->import_cancellable, on_import_done_cb,
                                  g_object_ref (self));
}

static void
commit_pending_delete_done_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  if (!tp_library_worker_delete_articles_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot delete the article: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
    }
  self->pending_deletes_in_flight--;
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    reload_views (self);
  if (app != NULL)
    g_application_release (app);
}

static void
commit_pending_delete (TpWindow *self)
{
  g_autoptr(GArray) ids = NULL;
  GApplication *app = g_application_get_default ();

  if (self->pending_delete_id == 0)
    return;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, self->pending_delete_id);
  self->pending_delete_id = 0;
  self->pending_deletes_in_flight++;
  /* Keep the application alive until the row is really gone. */
  if (app != NULL)
    g_application_hold (app);
  tp_library_worker_delete_articles_async (self->worker, ids, NULL,
                                           commit_pending_delete_done_cb, g_object_ref (self));
}

static void
on_delete_toast_dismissed_cb (AdwToast *toast,
                              gpointer  user_data)
{
  TpWindow *self = TP_WINDOW (user_data);

  if (self->delete_toast == toast)
    self->delete_toast = NULL;
  commit_pending_delete (self);
}

static void
on_delete_toast_undo_cb (AdwToast *toast,
                         gpointer  user_data)
{
  TpWindow *self = TP_WINDOW (user_data);

  if (self->pending_delete_id == 0)
    return;
  tp_library_view_unhide (self->library_view, self->pending_delete_token);
  self->pending_delete_id = 0;
}

static void
add_sources_from_file_list (GPtrArray *sources,
                            GSList    *files)
{
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (sources, tp_import_source_new_for_file (l->data));
}

/* Callbacks */

static void
on_library_view_article_activated_cb (TpLibraryView *view,
                                      gint64         article_id,
                                      TpWindow      *self)
{
  tp_window_open_article (self, article_id, 0);
}


static void
on_article_view_statement_saved_cb (TpArticleView *view,
                                    TpWindow      *self)
{
  reload_views (self);
}

static void
on_feeds_page_articles_added_cb (TpFeedsPage *page,
                                 TpWindow    *self)
{
  reload_views (self);
}

static void
on_feeds_page_article_activated_cb (TpFeedsPage *page,
                                    gint64       article_id,
                                    TpWindow    *self)
{
  tp_window_open_article (self, article_id, 0);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  TpWindow *self = TP_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) sources =
        g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_ptr_array_add (sources, tp_import_source_new_for_file (file));
        }
      start_import (self, sources);
    }
  g_clear_object (&self->chooser);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  TpWindow *self = TP_WINDOW (user_data);
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    add_sources_from_file_list (sources, g_value_get_boxed (value));
  else if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      const char *text = g_value_get_string (value);

      if (*text == '\0')
        return FALSE;
      g_ptr_array_add (sources, tp_import_source_new_for_text (text, -1));
    }
  if (sources->len == 0)
    return FALSE;
  start_import (self, sources);
  return TRUE;
}

static void
on_clipboard_files_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Nothing to paste: the clipboard is empty")));
      return;
    }
  add_sources_from_file_list (sources, g_value_get_boxed (value));
  start_import (self, sources);
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  if (text == NULL || *g_strstrip (text) == '\0')
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Nothing to paste: the clipboard has no text")));
      return;
    }
  /* A pasted address imports the page it names, not the address. */
  if (tp_web_import_looks_like_url (text))
    {
      tp_feeds_page_import_url (self->feeds_page, text);
      return;
    }
  tp_window_import_text (self, text);
}

/* The annotation panels of the views made so far: up to two. */
static guint
get_annotation_panels (TpWindow          *self,
                       TpAnnotationPanel *panels[2])
{
  guint n = 0;

  if (self->article_view != NULL)
    panels[n++] = tp_article_view_get_annotation_panel (self->article_view);
  if (self->compare_view != NULL)
    panels[n++] = tp_compare_view_get_annotation_panel (self->compare_view);
  return n;
}

static gboolean
annotations_busy (TpWindow *self)
{
  TpAnnotationPanel *panels[2];
  guint n = get_annotation_panels (self, panels);

  for (guint i = 0; i < n; i++)
    if (tp_annotation_panel_is_busy (panels[i]))
      return TRUE;
  return FALSE;
}

static void
on_annotation_panel_busy_notify_cb (TpAnnotationPanel *panel,
                                    GParamSpec        *pspec,
                                    TpWindow          *self)
{
  if (!annotations_busy (self))
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  TpWindow *self = TP_WINDOW (window);
  TpAnnotationPanel *panels[2];
  guint n_panels = get_annotation_panels (self, panels);

  /* A tag deletion still waiting for Undo is final now, and the window
   * stays (hidden) until every annotation is saved. */
  for (guint i = 0; i < n_panels; i++)
    tp_annotation_panel_flush (panels[i]);
  if (annotations_busy (self))
    {
      for (guint i = 0; i < n_panels; i++)
        if (g_signal_handler_find (panels[i], G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0,
                                   NULL, on_annotation_panel_busy_notify_cb, self) == 0)
          g_signal_connect (panels[i], "notify::busy",
                            G_CALLBACK (on_annotation_panel_busy_notify_cb), self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  /* The Undo toast will not outlive the window: delete now. */
  if (self->delete_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->delete_toast);
      g_signal_handlers_disconnect_by_data (toast, self);
    }
  commit_pending_delete (self);
  g_cancellable_cancel (self->import_cancellable);
  return FALSE;
}

/* Actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);
  g_autoptr(GtkFileFilter) text_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Articles"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (text_filter, _("Articles (text and web pages)"));
  gtk_file_filter_add_mime_type (text_filter, "text/plain");
  gtk_file_filter_add_mime_type (text_filter, "text/html");
  gtk_file_filter_add_mime_type (text_filter, "application/xhtml+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text_filter);
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all_filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_web_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tp_feeds_page_present_import_dialog (TP_WINDOW (widget)->feeds_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);

  tp_window_show_view (self, "library");
  tp_library_view_focus_search (self->library_view);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tp_window_show_view (TP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "views");
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    on_clipboard_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  guint token;
  gint64 id;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") != 0 ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "library") != 0)
    return;

  /* Only one deletion waits for Undo at a time; an earlier one is final. */
  if (self->delete_toast != NULL)
    {
      AdwToast *old = g_steal_pointer (&self->delete_toast);
      g_signal_handlers_disconnect_by_data (old, self);
      adw_toast_dismiss (old);
    }
  commit_pending_delete (self);

  id = tp_library_view_hide_selected (self->library_view, &token, &title);
  if (id == 0)
    return;
  self->pending_delete_id = id;
  self->pending_delete_token = token;

  /* Translators: the toast after deleting an article; %s is its title */
  message = g_strdup_printf (_("“%s” deleted"), title != NULL ? title : _("Untitled article"));
  self->delete_toast = adw_toast_new (message);
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->delete_toast, "button-clicked",
                           G_CALLBACK (on_delete_toast_undo_cb), self, 0);
  g_signal_connect_object (self->delete_toast, "dismissed",
                           G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, self->delete_toast);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);

  g_cancellable_cancel (self->import_cancellable);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);

  /* The report is of the comparison: show what will be reported. */
  tp_window_show_view (self, "compare");
  tp_compare_view_export (ensure_compare_view (self));
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TpWindow *self = TP_WINDOW (widget);

  tp_window_show_view (self, "compare");
  tp_compare_view_print (ensure_compare_view (self));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tp_window_open_sample_library (TP_WINDOW (widget));
}

static void
open_default_library_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_autofree char *path = tp_application_dup_default_library_path ();

  tp_window_set_library (TP_WINDOW (widget), path);
}

/* The first frame with the library's content */

static void
stop_presenting (TpWindow *self)
{
  if (self->presenting_list != NULL)
    g_signal_handlers_disconnect_by_data (self->presenting_list, self);
  g_clear_object (&self->presenting_list);
  if (self->presenting_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->presenting_tick_id);
  self->presenting_tick_id = 0;
  if (self->presenting_clock != NULL)
    g_clear_signal_handler (&self->presenting_paint_id, self->presenting_clock);
  g_clear_object (&self->presenting_clock);
}

static void
emit_content_presented (TpWindow *self,
                        gboolean  usable)
{
  if (self->content_presented)
    return;
  self->content_presented = TRUE;
  stop_presenting (self);
  if (self->compare_view == NULL || self->article_view == NULL)
    self->make_views_id = g_idle_add_full (G_PRIORITY_LOW, make_views_idle_cb, self, NULL);
  g_signal_emit (self, signals[CONTENT_PRESENTED], 0, usable);
}

static void
back_up_daily_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;

  /* Failing to write it must not keep the journalist from working. */
  if (!tp_store_backup_maybe_daily (path, NULL, &error))
    g_warning ("Could not back up %s: %s", path, error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_daily_backup_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;

  if (app != NULL)
    g_application_release (app);
}

/* The rolling daily backup, off the main loop and after the library is on
 * screen. The application stays until the copy is whole, even with its
 * window closed: a copy cut short would be no backup. */
static void
start_daily_backup (TpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = g_steal_pointer (&self->backup_due);

  if (path == NULL || self->timed_start)
    return;
  if (app != NULL)
    g_application_hold (G_APPLICATION (app));
  task = g_task_new (NULL, NULL, on_daily_backup_done_cb, app != NULL ? g_object_ref (app) : NULL);
  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, back_up_daily_thread);
}

static void
on_presenting_after_paint_cb (GdkFrameClock *clock,
                              TpWindow      *self)
{
  stop_presenting (self);
  start_daily_backup (self);
  emit_content_presented (self, TRUE);
}

/* Runs at the start of the first frame after the first page is in the
 * list: that frame lays out and draws the rows, and its paint phase ends
 * with after-paint. */
static gboolean
presenting_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  TpWindow *self = TP_WINDOW (widget);

  self->presenting_tick_id = 0;
  self->presenting_clock = g_object_ref (clock);
  self->presenting_paint_id = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (on_presenting_after_paint_cb), self);
  return G_SOURCE_REMOVE;
}

static void
on_presenting_list_loading_notify_cb (TpArticleList *list,
                                      GParamSpec    *pspec,
                                      TpWindow      *self)
{
  if (tp_article_list_get_loading (list) || self->presenting_tick_id != 0)
    return;
  g_signal_handlers_disconnect_by_data (list, self);
  self->presenting_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), presenting_tick_cb,
                                                           NULL, NULL);
}

static void
watch_first_content_frame (TpWindow *self)
{
  TpArticleList *list = tp_library_view_get_model (self->library_view);

  stop_presenting (self);
  if (list == NULL)
    return;
  self->presenting_list = g_object_ref (list);
  g_signal_connect (list, "notify::loading",
                    G_CALLBACK (on_presenting_list_loading_notify_cb), self);
  on_presenting_list_loading_notify_cb (list, NULL, self);
}

/* GObject overrides */

static void
tp_window_dispose (GObject *object)
{
  TpWindow *self = TP_WINDOW (object);

  stop_presenting (self);
  g_clear_handle_id (&self->make_views_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->waiting_sources, g_ptr_array_unref);
  if (self->damage_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->damage_dialog));
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_WINDOW);

  G_OBJECT_CLASS (tp_window_parent_class)->dispose (object);
}

static void
tp_window_finalize (GObject *object)
{
  TpWindow *self = TP_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->backup_due, g_free);

  G_OBJECT_CLASS (tp_window_parent_class)->finalize (object);
}

static void
tp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TpWindow *self = TP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_IMPORTING:
      g_value_set_boolean (value, tp_window_get_importing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_window_class_init (TpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_window_dispose;
  object_class->finalize = tp_window_finalize;
  object_class->get_property = tp_window_get_property;

  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TpWindow::import-finished:
   * @report: (type gpointer): the TpImportReport
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * TpWindow::content-presented:
   * @usable: %TRUE when the library's first page of articles (or its
   *   empty state) has been drawn, %FALSE when the library could not be
   *   opened and the window asks what to do instead
   *
   * Emitted once per window, after the paint of the first frame that shows
   * the library's content, not the placeholder shown while it loads.
   */
  signals[CONTENT_PRESENTED] =
    g_signal_new ("content-presented", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (TP_TYPE_LIBRARY_VIEW);
  g_type_ensure (TP_TYPE_FEEDS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, compare_bin);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, article_bin);
  gtk_widget_class_bind_template_child (widget_class, TpWindow, feeds_page);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_article_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_feeds_page_articles_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_feeds_page_article_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-web", NULL, import_web_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-default-library", NULL,
                                   open_default_library_action);

  /* Bindings run after the focused widget, so Ctrl+V and Delete keep
   * working in text entries and only reach the window when nothing
   * else wants them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete", NULL);
}

static void
tp_window_init (TpWindow *self)
{
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_object_bind_property (self->search_button, "active", self->library_view, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self->view_stack, "notify::visible-child-name",
                    G_CALLBACK (on_visible_view_notify_cb), self);
  on_visible_view_notify_cb (self->view_stack, NULL, self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
}

/* Public API */

TpWindow *
tp_window_new (TpApplication *application,
               const char    *library_path)
{
  TpWindow *self;

  g_return_val_if_fail (application == NULL || TP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (library_path != NULL, NULL);

  self = g_object_new (TP_TYPE_WINDOW, "application", application, NULL);
  tp_window_set_library (self, library_path);
  return self;
}

TpLibraryWorker *
tp_window_get_worker (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), NULL);
  return self->worker;
}

/* What opening a library found, read on a worker thread: whether it is a
 * library at all, and if not, the backups that could replace it. */
typedef struct
{
  char      *path;
  GError    *error;
  GPtrArray *backups;   /* (element-type filename) newest first */
  gboolean   restore;   /* put the latest backup in place first */
  char      *restored;  /* the backup that was restored */
  char      *aside;     /* where the damaged file went */
  /* The Library view's filter, and its first page read ahead, so the
   * first frame of the window already lists articles. */
  TpLibraryFilter    *first_filter;
  TpLibraryFirstPage *first_page;
  TpLexicon          *lexicon;
} LibraryCheck;

static void
library_check_free (LibraryCheck *check)
{
  g_free (check->path);
  g_clear_error (&check->error);
  g_clear_pointer (&check->backups, g_ptr_array_unref);
  g_free (check->restored);
  g_free (check->aside);
  tp_library_filter_free (check->first_filter);
  g_clear_pointer (&check->first_page, tp_library_first_page_free);
  g_clear_object (&check->lexicon);
  g_free (check);
}

static void
check_library_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LibraryCheck *check = task_data;
  g_autoptr(TpStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (check->path);

  if (check->restore)
    {
      check->restored = tp_store_backup_restore_latest (check->path, &check->aside, &check->error);
      if (check->restored == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  /* The folder of a library that does not exist yet is made here, as the
   * worker would. */
  g_mkdir_with_parents (dir, 0700);
  store = tp_store_open (check->path, &check->error);
  if (store == NULL)
    check->backups = tp_store_backup_list (check->path, NULL);
  else
    {
      /* Read while the main thread draws the window, so that its first
       * frame lists articles with their sides; a failure here is reported
       * when the views ask the worker again. */
      check->lexicon = tp_store_load_lexicon (store, NULL);
      if (check->first_filter != NULL)
        check->first_page = tp_library_first_page_read (store, check->first_filter,
                                                        TP_ARTICLE_LIST_PAGE_SIZE, NULL);
    }
  /* The rolling daily backup waits until the library is on screen: copying
   * a large library takes long, and the journalist can work meanwhile. */
  g_task_return_boolean (task, TRUE);
}

static void start_library_check (TpWindow   *self,
                                 const char *path,
                                 gboolean    restore);

/* @lexicon (nullable) and @first_page (transfer full, nullable) were read
 * ahead, with the library check. */
static void
point_views_at_worker (TpWindow           *self,
                       TpLexicon          *lexicon,
                       TpLibraryFirstPage *first_page)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  TpFeedMonitor *monitor = NULL;
  const char *library_path = tp_library_worker_get_path (self->worker);

  gtk_stack_set_visible_child_name (self->main_stack, "views");
  if (lexicon != NULL)
    use_lexicon (self, lexicon);
  tp_library_view_set_worker_full (self->library_view, self->worker, first_page);
  watch_first_content_frame (self);
  if (self->compare_view != NULL)
    tp_compare_view_set_worker (self->compare_view, self->worker);
  if (self->article_view != NULL)
    tp_article_view_set_worker (self->article_view, self->worker);
  if (TP_IS_APPLICATION (app))
    monitor = tp_application_get_feed_monitor (TP_APPLICATION (app), library_path);
  tp_feeds_page_set_library (self->feeds_page, self->worker, monitor);
  update_subtitle (self);
  if (lexicon == NULL)
    tp_library_worker_load_lexicon_async (self->worker, self->cancellable,
                                          on_lexicon_loaded_cb, g_object_ref (self));
  if (self->waiting_sources != NULL)
    {
      g_autoptr(GPtrArray) sources = g_steal_pointer (&self->waiting_sources);

      start_import (self, sources);
    }
  if (self->waiting_article_id > 0)
    {
      tp_window_open_article (self, self->waiting_article_id, self->waiting_statement_id);
      self->waiting_article_id = 0;
      self->waiting_statement_id = 0;
    }
}

static void
on_other_library_chosen_cb (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(TpWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_clear_object (&self->worker);
          tp_window_set_library (self, path);
        }
    }
  else
    /* Nothing chosen: the journalist still has to decide about the damaged file. */
    start_library_check (self, g_object_get_data (G_OBJECT (dialog), "tp-library-path"), FALSE);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_damage_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              TpWindow         *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "tp-library-path"));

  /* The dialog closes itself after a clicked response; hidden now, it also
   * goes away when the response came from code. */
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  if (g_strcmp0 (response, "restore") == 0)
    start_library_check (self, path, TRUE);
  else if (g_strcmp0 (response, "open") == 0)
    {
      GtkFileChooserNative *chooser;
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      chooser = gtk_file_chooser_native_new (_("Open Library"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_OPEN,
                                             _("_Open"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("Triptych libraries"));
      gtk_file_filter_add_pattern (filter, "*.db");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_set_data_full (G_OBJECT (chooser), "tp-library-path", g_steal_pointer (&path),
                              g_free);
      g_signal_connect (chooser, "response", G_CALLBACK (on_other_library_chosen_cb),
                        g_object_ref (self));
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_damage_dialog (TpWindow     *self,
                    LibraryCheck *check)
{
  g_autofree char *body = NULL;
  const char *heading;
  gboolean damaged = g_error_matches (check->error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY);
  gboolean too_new = g_error_matches (check->error, TP_STORE_ERROR, TP_STORE_ERROR_TOO_NEW);
  guint n_backups = check->backups != NULL ? check->backups->len : 0;
  g_autofree char *basename = g_path_get_basename (check->path);

  if (damaged)
    {
      heading = _("The Library Is Damaged");
      /* Translators: %s is the library's file name, the second %s why it cannot be read */
      body = g_strdup_printf (_("“%s” is damaged or is not a Triptych library, so it cannot be "
                                "opened (%s). Nothing has been changed or deleted."),
                              basename, check->error->message);
    }
  /* From a newer Triptych: the error says no more than the body does. */
  else if (too_new)
    {
      heading = _("The Library Needs a Newer Triptych");
      body = g_strdup_printf (_("“%s” was written by a newer version of Triptych. "
                                "Update Triptych to open it."),
                              basename);
    }
  else
    {
      heading = _("The Library Cannot Be Opened");
      body = g_strdup (check->error->message);
    }
  if (n_backups > 0)
    {
      g_autofree char *more = NULL;

      more = g_strdup_printf (ngettext ("%s\n\nThere is %u backup of it; restoring the latest keeps "
                                        "the current file beside it.",
                                        "%s\n\nThere are %u backups of it; restoring the latest "
                                        "keeps the current file beside it.",
                                        n_backups),
                              body, n_backups);
      g_free (body);
      body = g_steal_pointer (&more);
    }
  else
    {
      g_autofree char *more = g_strdup_printf (_("%s\n\nThere is no backup of it."), body);

      g_free (body);
      body = g_steal_pointer (&more);
    }

  if (self->damage_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->damage_dialog));
  self->damage_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  g_object_add_weak_pointer (G_OBJECT (self->damage_dialog), (gpointer *) &self->damage_dialog);
  g_object_set_data_full (G_OBJECT (self->damage_dialog), "tp-library-path",
                          g_strdup (check->path), g_free);
  adw_message_dialog_add_responses (self->damage_dialog,
                                    "quit", _("_Quit"),
                                    "open", _("_Open Another Library…"),
                                    "restore", _("_Restore Latest Backup"),
                                    NULL);
  adw_message_dialog_set_response_enabled (self->damage_dialog, "restore", n_backups > 0);
  adw_message_dialog_set_response_appearance (self->damage_dialog, "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->damage_dialog,
                                           n_backups > 0 ? "restore" : "open");
  adw_message_dialog_set_close_response (self->damage_dialog, "quit");
  g_signal_connect_object (self->damage_dialog, "response",
                           G_CALLBACK (on_damage_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->damage_dialog));
}

static void
on_library_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  TpWindow *self = TP_WINDOW (source);
  LibraryCheck *check = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;   /* cancelled: another library was chosen meanwhile */
  g_clear_object (&self->check_cancellable);

  if (check->error != NULL)
    {
      if (check->restore && check->restored == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot restore the backup: %s"),
                                                  check->error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
          /* Ask again, with what is known now. */
          g_clear_error (&check->error);
          check->restore = FALSE;
          start_library_check (self, check->path, FALSE);
          return;
        }
      show_damage_dialog (self, check);
      emit_content_presented (self, FALSE);
      return;
    }
  if (check->restored != NULL)
    {
      g_autofree char *name = g_path_get_basename (check->restored);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      /* Translators: %s is the backup's file name */
      g_autofree char *msg = g_strdup_printf (_("Restored the backup “%s”"), escaped);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
    }
  if (self->damage_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->damage_dialog));
  g_clear_object (&self->worker);
  self->worker = tp_library_worker_new (check->path);
  g_free (self->backup_due);
  self->backup_due = g_strdup (check->path);
  point_views_at_worker (self, check->lexicon, g_steal_pointer (&check->first_page));
}

static void
start_library_check (TpWindow   *self,
                     const char *path,
                     gboolean    restore)
{
  g_autoptr(GTask) task = NULL;
  LibraryCheck *check = g_new0 (LibraryCheck, 1);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  check->path = g_strdup (path);
  check->restore = restore;
  check->first_filter = tp_library_view_dup_filter (self->library_view);
  task = g_task_new (self, self->check_cancellable, on_library_checked_cb, NULL);
  g_task_set_source_tag (task, start_library_check);
  g_task_set_task_data (task, check, (GDestroyNotify) library_check_free);
  g_task_run_in_thread (task, check_library_thread);
}

/**
 * tp_window_set_library:
 * @library_path: the library file, created if missing
 *
 * Points every view at another library file, once a worker thread has
 * opened it. A file that is damaged, foreign or from a newer Triptych is
 * never replaced: a dialog says so and offers its latest backup, another
 * library or quitting.
 */
void
tp_window_set_library (TpWindow   *self,
                       const char *library_path)
{
  g_return_if_fail (TP_IS_WINDOW (self));
  g_return_if_fail (library_path != NULL);

  if (self->worker != NULL && g_strcmp0 (tp_library_worker_get_path (self->worker), library_path) == 0)
    return;

  commit_pending_delete (self);
  g_clear_object (&self->worker);
  /* The worker exists at once for whoever asks for it; the views get it
   * when the library is known to open. */
  self->worker = tp_library_worker_new (library_path);
  update_subtitle (self);
  start_library_check (self, library_path, FALSE);
}

/**
 * tp_window_get_damage_dialog:
 *
 * Returns: (nullable) (transfer none): the dialog about a library that
 *   cannot be opened, while it is shown
 */
AdwMessageDialog *
tp_window_get_damage_dialog (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), NULL);
  return self->damage_dialog;
}

void
tp_window_import_files (TpWindow  *self,
                        GFile    **files,
                        gint       n_files)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_if_fail (TP_IS_WINDOW (self));

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);
  for (gint i = 0; i < n_files; i++)
    g_ptr_array_add (sources, tp_import_source_new_for_file (files[i]));
  start_import (self, sources);
}

void
tp_window_import_text (TpWindow   *self,
                       const char *text)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_if_fail (TP_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_import_source_free);
  g_ptr_array_add (sources, tp_import_source_new_for_text (text, -1));
  start_import (self, sources);
}

/**
 * tp_window_open_sample_library:
 *
 * Switches to the sample library (a file of its own, apart from the
 * journalist's library) and imports the sample articles into it; articles
 * already there are recognised as duplicates and left alone.
 */
void
tp_window_open_sample_library (TpWindow *self)
{
  g_autofree char *path = tp_application_dup_sample_library_path ();
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TP_IS_WINDOW (self));

  sources = tp_library_worker_dup_sample_sources (&error);
  if (sources == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot open the sample library: %s"),
                                              error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
      return;
    }
  tp_window_set_library (self, path);
  start_import (self, sources);
}

void
tp_window_open_article (TpWindow *self,
                        gint64    article_id,
                        gint64    statement_id)
{
  g_return_if_fail (TP_IS_WINDOW (self));

  if (self->check_cancellable != NULL)
    {
      self->waiting_article_id = article_id;
      self->waiting_statement_id = statement_id;
      return;
    }
  tp_article_view_load (ensure_article_view (self), article_id, statement_id);
  gtk_stack_set_visible_child_name (self->main_stack, "article");
}

void
tp_window_show_view (TpWindow   *self,
                     const char *name)
{
  g_return_if_fail (TP_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "views");
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * tp_window_prepare_timed_start:
 *
 * Readies the window for a start-up that is being timed
 * (`--quit-after-first-frame`): it shows the Library view whatever the
 * journalist last looked at, without remembering that for the next start,
 * and takes no daily backup, which the next ordinary start takes instead
 * (a backup runs after the library is on screen and keeps the application
 * alive until it is whole, so it would lengthen a timed run that is over).
 */
void
tp_window_prepare_timed_start (TpWindow *self)
{
  g_return_if_fail (TP_IS_WINDOW (self));

  self->timed_start = TRUE;
  g_settings_unbind (self->view_stack, "visible-child-name");
  adw_view_stack_set_visible_child_name (self->view_stack, "library");
}

TpLibraryView *
tp_window_get_library_view (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), NULL);
  return self->library_view;
}

TpCompareView *
tp_window_get_compare_view (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), NULL);
  return ensure_compare_view (self);
}

TpArticleView *
tp_window_get_article_view (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), NULL);
  return ensure_article_view (self);
}

/**
 * tp_window_reattribute:
 *
 * Analyses the stored articles again with the library's lexicon, after the
 * journalist changed sides, actors or topics. Statements they confirmed,
 * edited, rejected or made by hand stay as they are.
 */
void
tp_window_reattribute (TpWindow *self)
{
  g_return_if_fail (TP_IS_WINDOW (self));

  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Wait for the current import to finish")));
      return;
    }
  self->import_cancellable = g_cancellable_new ();
  on_reattribute_progress (0, 0, self);
  set_importing (self, TRUE);
  tp_library_worker_reattribute_async (self->worker, on_reattribute_progress, self,
                                       self->import_cancellable, on_reattribute_done_cb,
                                       g_object_ref (self));
}

gboolean
tp_window_get_importing (TpWindow *self)
{
  g_return_val_if_fail (TP_IS_WINDOW (self), FALSE);
  /* An import waiting for the library to open counts as under way. */
  return self->import_cancellable != NULL || self->waiting_sources != NULL;
}
