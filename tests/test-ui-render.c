/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-render"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tp-article-row.h"
#include "tp-preferences-window.h"
#include "tp-statement-row.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* Renders every view of the application on the sample library through the
 * window's own renderer and checks that each picture has content. With
 * TP_RENDER_DIR set, it also saves the pictures there as PNG files
 * (tests/render-views.sh does that, light and dark, per language);
 * TP_RENDER_DARK=1 renders with the dark style. */

typedef struct
{
  char     *dir;
  TpWindow *window;
  gboolean  imported;
  const char *want_until;  /* the date range's end a comparison must have */
} Fixture;

static void
on_import_finished_cb (TpWindow       *window,
                       TpImportReport *report,
                       Fixture        *fx)
{
  fx->imported = TRUE;
}

static gboolean
imported (gpointer data)
{
  return ((Fixture *) data)->imported;
}

/* Renders @window as it is on screen and returns the texture. */
static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (gtk_widget_get_native (widget)));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  /* A widget that has not drawn since its last change gives no node yet. */
  for (guint tries = 0; node == NULL && tries < 20; tries++)
    {
      gtk_widget_queue_draw (widget);
      spin (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* A picture has content when its pixels are not all one colour. */
static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, data, width * 4);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        guint32 pixel;
        memcpy (&pixel, data + ((gsize) y * width + x) * 4, 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }
  return g_hash_table_size (colours);
}

static void
snap (GtkWidget  *widget,
      const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  const char *dir = g_getenv ("TP_RENDER_DIR");

  spin (400);
  texture = render (widget);
  g_assert_cmpuint (count_colours (texture), >, 8);
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, name);
      g_assert_true (gdk_texture_save_to_png (texture, file));
      g_test_message ("saved %s", file);
    }
}

static gboolean
library_ready (gpointer data)
{
  TpLibraryView *view = data;
  TpArticleList *list = tp_library_view_get_model (view);

  return list != NULL && !tp_article_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) > 0;
}

static gboolean
library_settled (gpointer data)
{
  TpArticleList *list = tp_library_view_get_model (data);

  return list != NULL && !tp_article_list_get_loading (list);
}

static gboolean
compare_changed (gpointer data)
{
  Fixture *fx = data;
  TpComparisonGrid *grid = tp_compare_view_get_grid (tp_window_get_compare_view (fx->window));
  GtkWidget *cell;

  if (grid == NULL || grid->filter == NULL || g_strcmp0 (grid->filter->date_until, fx->want_until) != 0)
    return FALSE;
  cell = tp_compare_view_get_cell_widget (tp_window_get_compare_view (fx->window), 0, 0);
  return cell != NULL && gtk_widget_get_mapped (cell);
}

static gboolean
compare_ready (gpointer data)
{
  return tp_compare_view_get_grid (data) != NULL;
}

static gboolean
article_ready (gpointer data)
{
  return tp_article_view_get_selected_statement (data) != NULL;
}

static void
test_render (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_path = NULL;
  TpLibraryView *library;
  TpArticleView *article;
  TpWindow *empty;
  gint64 article_id = 0, statement_id = 0;
  GtkWidget *prefs;

  /* The application loads its style sheet; here there is no application. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/triptych/Triptych/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* Pictures of finished states, not of transitions halfway through. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (g_strcmp0 (g_getenv ("TP_RENDER_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  fx.dir = g_dir_make_tmp ("triptych-render-XXXXXX", &error);
  g_assert_no_error (error);

  /* An empty library first. */
  empty_path = g_build_filename (fx.dir, "empty.db", NULL);
  empty = tp_window_new (NULL, empty_path);
  gtk_window_set_default_size (GTK_WINDOW (empty), 1280, 800);
  tp_window_show_view (empty, "library");
  gtk_window_present (GTK_WINDOW (empty));
  wait_for (library_settled, tp_window_get_library_view (empty));
  snap (GTK_WIDGET (empty), "library-empty");
  gtk_window_destroy (GTK_WINDOW (empty));

  /* The sample library. */
  {
    g_autofree char *own = g_build_filename (fx.dir, "own.db", NULL);
    fx.window = tp_window_new (NULL, own);
  }
  g_signal_connect (fx.window, "import-finished", G_CALLBACK (on_import_finished_cb), &fx);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1280, 800);
  tp_window_show_view (fx.window, "library");
  gtk_window_present (GTK_WINDOW (fx.window));
  tp_window_open_sample_library (fx.window);
  wait_for (imported, &fx);
  library = tp_window_get_library_view (fx.window);
  wait_for (library_ready, library);
  spin (5500);  /* let the import toast go */
  snap (GTK_WIDGET (fx.window), "library");

  tp_library_view_set_search_text (library, "kremlin");
  wait_for (library_ready, library);
  snap (GTK_WIDGET (fx.window), "library-search");
  tp_library_view_set_search_text (library, "");
  wait_for (library_ready, library);

  tp_window_show_view (fx.window, "compare");
  wait_for (compare_ready, tp_window_get_compare_view (fx.window));
  snap (GTK_WIDGET (fx.window), "compare");

  /* A date range in the filters: the timelines' axis runs over the range. */
  {
    TpCompareView *compare = tp_window_get_compare_view (fx.window);
    GtkEntry *entries[2] = { NULL, NULL };
    guint n = 0;
    GtkWidget *widget;

    for (guint i = 0; n < 2 && (widget = find_widget_of_type (GTK_WIDGET (compare), GTK_TYPE_ENTRY, i)) != NULL; i++)
      if (g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), _("YYYY-MM-DD")) == 0)
        entries[n++] = GTK_ENTRY (widget);
    g_assert_cmpuint (n, ==, 2);
    fx.want_until = "2025-07-15";
    gtk_editable_set_text (GTK_EDITABLE (entries[0]), "2025-07-01");
    gtk_editable_set_text (GTK_EDITABLE (entries[1]), "2025-07-15");
    wait_for (compare_changed, &fx);
    spin (300);
    snap (GTK_WIDGET (fx.window), "compare-dated");
    fx.want_until = NULL;
    gtk_editable_set_text (GTK_EDITABLE (entries[0]), "");
    gtk_editable_set_text (GTK_EDITABLE (entries[1]), "");
    wait_for (compare_changed, &fx);
    spin (300);
  }

  /* The Vietnamese article about talks, with its first statement selected. */
  {
    TpComparisonGrid *grid = tp_compare_view_get_grid (tp_window_get_compare_view (fx.window));

    for (guint i = 0; i < grid->cells->len && statement_id == 0; i++)
      {
        GListModel *cell = g_ptr_array_index (grid->cells, i);
        if (g_list_model_get_n_items (cell) > 0)
          {
            g_autoptr(TpStatementRow) row = g_list_model_get_item (cell, 0);
            article_id = tp_statement_row_get_statement (row)->article_id;
            statement_id = tp_statement_row_get_statement (row)->id;
            /* The same statement's tags and notes beside the comparison. */
            tp_compare_view_annotate (tp_window_get_compare_view (fx.window),
                                      tp_statement_row_get_statement (row),
                                      tp_statement_row_get_outlet (row),
                                      tp_statement_row_get_date (row));
          }
      }
  }
  spin (800);
  snap (GTK_WIDGET (fx.window), "compare-annotations");
  g_assert_cmpint (statement_id, >, 0);
  tp_window_open_article (fx.window, article_id, statement_id);
  article = tp_window_get_article_view (fx.window);
  wait_for (article_ready, article);
  snap (GTK_WIDGET (fx.window), "article");

  prefs = GTK_WIDGET (tp_preferences_window_new (GTK_WINDOW (fx.window), tp_window_get_worker (fx.window)));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 700, 760);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (500);
  snap (prefs, "preferences");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "actors");
  snap (prefs, "preferences-actors");
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_window_destroy (GTK_WINDOW (fx.window));
  spin (200);
}

int
main (int   argc,
      char *argv[])
{
  const char *locale_dir = g_getenv ("TP_LOCALE_DIR");

  /* Render in the interface language the environment asks for, from the
   * translations compiled in the build folder when given. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The sample library lives under XDG_DATA_HOME, which GLib reads once,
   * early: point it at a folder of the test's own before anything does, or
   * the render would import into the real user's sample library. */
  {
    g_autofree char *data_home = g_dir_make_tmp ("triptych-render-data-XXXXXX", NULL);

    if (data_home != NULL)
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/render/views", test_render);
  return g_test_run ();
}
