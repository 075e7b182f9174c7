/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>
#include <time.h>

#include "tp-application.h"
#include "tp-preferences-window.h"
#include "tp-window.h"

struct _TpApplication
{
  AdwApplication  parent_instance;

  char           *library_path;
  gboolean        open_sample;
  gboolean        quit_after_first_frame;
  int             exit_status;
  TpFeedMonitor  *feed_monitor;
};

G_DEFINE_FINAL_TYPE (TpApplication, tp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the library in FILE instead of the default one"), N_("FILE") },
  { "open-sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the sample library of short articles written for Triptych"), NULL },
  { "quit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open on the Library view and quit once it has drawn the first articles, to time start-up"),
    NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* Auxiliary methods */

static TpWindow *
ensure_window (TpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autofree char *path = NULL;

      if (self->library_path != NULL)
        path = g_strdup (self->library_path);
      else
        path = tp_application_dup_default_library_path ();
      window = GTK_WINDOW (tp_window_new (self, path));
    }
  return TP_WINDOW (window);
}

static gboolean
quit_idle_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_window_content_presented_cb (TpWindow      *window,
                                gboolean       usable,
                                TpApplication *self)
{
  if (!usable)
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot open the library: %s"),
                                              tp_library_worker_get_path (tp_window_get_worker (window)));

      g_printerr ("%s\n", msg);
      self->exit_status = 1;
    }
  else
    {
      struct timespec main_cpu = { 0 };
      struct rusage process_cpu = { 0 };

      /* For `triptych-cli bench`: when the first page was on screen, on the
       * system's monotonic clock, so that the time it takes this process to
       * tear down is not counted as start-up; and the CPU time spent until
       * then by the main thread and by the whole process, which a busy
       * machine changes less than the wall time. Not translated: read by a
       * program. */
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &main_cpu);
      getrusage (RUSAGE_SELF, &process_cpu);
      g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT " main-thread-cpu-us %" G_GINT64_FORMAT
               " process-cpu-us %" G_GINT64_FORMAT "\n",
               g_get_monotonic_time (),
               (gint64) main_cpu.tv_sec * G_USEC_PER_SEC + main_cpu.tv_nsec / 1000,
               (gint64) (process_cpu.ru_utime.tv_sec + process_cpu.ru_stime.tv_sec) * G_USEC_PER_SEC
               + process_cpu.ru_utime.tv_usec + process_cpu.ru_stime.tv_usec);
    }
  /* Quit the way Ctrl+Q does, but outside the frame clock's paint. */
  g_idle_add_full (G_PRIORITY_HIGH, quit_idle_cb, g_object_ref (self), g_object_unref);
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TpApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets it save its state and finish pending deletions. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Triptych developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Triptych"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Compare what Moscow, Washington and Kyiv say in the news, "
                                      "topic by topic"),
                        "developers", developers,
                        "copyright", "© 2026 The Triptych developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TpApplication *self = user_data;
  TpWindow *window = ensure_window (self);
  GtkWindow *prefs;

  prefs = GTK_WINDOW (tp_preferences_window_new (GTK_WINDOW (window),
                                                 tp_window_get_worker (window)));
  g_signal_connect_object (prefs, "lexicon-changed", G_CALLBACK (tp_window_reattribute),
                           window, G_CONNECT_SWAPPED);
  gtk_window_present (prefs);
}

/* From a watch-list notification: the article with the new statements. */
static void
open_article_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TpApplication *self = user_data;
  TpWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  tp_window_open_article (window, g_variant_get_int64 (parameter), 0);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "open-article", open_article_activated, "x" },
};

/* GApplication overrides */

static gint
tp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TpApplication *self = TP_APPLICATION (app);
  const char *library = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("triptych %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "library", "^&ay", &library))
    tp_application_set_library_path (self, library);
  else if (g_getenv ("TRIPTYCH_DB") != NULL && *g_getenv ("TRIPTYCH_DB") != '\0')
    tp_application_set_library_path (self, g_getenv ("TRIPTYCH_DB"));

  self->open_sample = g_variant_dict_contains (options, "open-sample");
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  /* A measured start must be this process's own, not a message to a
   * Triptych already running. */
  if (self->quit_after_first_frame)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (tp_application_parent_class)->handle_local_options (app, options);
}

static void
tp_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-view::library", { "<Control>1", NULL } },
    { "win.show-view::compare", { "<Control>2", NULL } },
    { "win.show-view::feeds", { "<Control>3", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
    { "win.export-report", { "<Control>e", NULL } },
    { "win.print-report", { "<Control>p", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (tp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  /* Feeds are monitored from start-up; the Feeds page starts the checks
   * once the window has the library open. */
  {
    TpApplication *self = TP_APPLICATION (app);
    g_autofree char *path = self->library_path != NULL
                            ? g_strdup (self->library_path)
                            : tp_application_dup_default_library_path ();
    tp_application_get_feed_monitor (self, path);
  }
}

static void
tp_application_shutdown (GApplication *app)
{
  TpApplication *self = TP_APPLICATION (app);

  if (self->feed_monitor != NULL)
    tp_feed_monitor_stop (self->feed_monitor);

  G_APPLICATION_CLASS (tp_application_parent_class)->shutdown (app);
}

static void
tp_application_activate (GApplication *app)
{
  TpApplication *self = TP_APPLICATION (app);
  TpWindow *window = ensure_window (self);

  if (self->quit_after_first_frame)
    {
      self->quit_after_first_frame = FALSE;
      /* "Usable" is timed on the Library view: its first page of articles. */
      tp_window_prepare_timed_start (window);
      g_signal_connect_object (window, "content-presented",
                               G_CALLBACK (on_window_content_presented_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (window));

  if (self->open_sample)
    {
      self->open_sample = FALSE;
      tp_window_open_sample_library (window);
    }
}

static void
tp_application_open (GApplication  *app,
                     GFile        **files,
                     gint           n_files,
                     const char    *hint)
{
  TpApplication *self = TP_APPLICATION (app);
  TpWindow *window;

  tp_application_activate (app);
  window = ensure_window (self);
  tp_window_import_files (window, files, n_files);
}

/* GObject overrides */

static void
tp_application_finalize (GObject *object)
{
  TpApplication *self = TP_APPLICATION (object);

  g_clear_pointer (&self->library_path, g_free);
  g_clear_object (&self->feed_monitor);

  G_OBJECT_CLASS (tp_application_parent_class)->finalize (object);
}

static void
tp_application_class_init (TpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tp_application_finalize;

  app_class->handle_local_options = tp_application_handle_local_options;
  app_class->startup = tp_application_startup;
  app_class->shutdown = tp_application_shutdown;
  app_class->activate = tp_application_activate;
  app_class->open = tp_application_open;
}

static void
tp_application_init (TpApplication *self)
{
  g_autofree GOptionEntry *entries = g_memdup2 (option_entries, sizeof option_entries);

  /* Translate the descriptions at run time; the table itself stays constant. */
  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      entries[i].description = _(entries[i].description);
      if (entries[i].arg_description != NULL)
        entries[i].arg_description = _(entries[i].arg_description);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Compare the stated positions of Moscow, "
                                              "Washington and Kyiv in news articles."));
}

/* Public API */

TpApplication *
tp_application_new (GApplicationFlags flags)
{
  return g_object_new (TP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/triptych/Triptych",
                       NULL);
}

const char *
tp_application_get_library_path (TpApplication *self)
{
  g_return_val_if_fail (TP_IS_APPLICATION (self), NULL);

  return self->library_path;
}

void
tp_application_set_library_path (TpApplication *self,
                                 const char    *path)
{
  g_return_if_fail (TP_IS_APPLICATION (self));

  g_free (self->library_path);
  self->library_path = g_strdup (path);
}

/**
 * tp_application_get_exit_status:
 *
 * Returns: what the process should exit with once the application has run:
 *   non-zero when `--quit-after-first-frame` found no usable library
 */
int
tp_application_get_exit_status (TpApplication *self)
{
  g_return_val_if_fail (TP_IS_APPLICATION (self), 1);

  return self->exit_status;
}

/**
 * tp_application_dup_default_library_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/triptych/library.db`, the file the
 *   command-line tool uses too
 */
char *
tp_application_dup_default_library_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "triptych", "library.db", NULL);
}

/**
 * tp_application_dup_sample_library_path:
 *
 * The sample library lives apart from the user's own library so that trying
 * it never mixes sample articles into real work.
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/triptych/sample-library.db`
 */
char *
tp_application_dup_sample_library_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "triptych", "sample-library.db", NULL);
}

/**
 * tp_application_get_feed_monitor:
 * @library_path: the library the window shows
 *
 * The application's one feed monitor, for @library_path: opening another
 * library replaces it, so the feeds refreshed are those the window lists.
 *
 * Returns: (transfer none): the monitor
 */
TpFeedMonitor *
tp_application_get_feed_monitor (TpApplication *self,
                                 const char    *library_path)
{
  g_return_val_if_fail (TP_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (library_path != NULL, NULL);

  if (self->feed_monitor != NULL &&
      g_strcmp0 (tp_feed_monitor_get_db_path (self->feed_monitor), library_path) == 0)
    return self->feed_monitor;
  if (self->feed_monitor != NULL)
    tp_feed_monitor_stop (self->feed_monitor);
  g_clear_object (&self->feed_monitor);
  self->feed_monitor = tp_feed_monitor_new (library_path, NULL);
  return self->feed_monitor;
}
