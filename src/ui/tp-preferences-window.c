/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tp-fold.h"
#include "tp-preferences-window.h"
#include "tp-ui-private.h"

/* Edits the library's lexicon: sides, the actor registry and topics. Every
 * edit is saved at once on a worker thread; when the window closes after a
 * change, it emits ::lexicon-changed so the application can re-attribute
 * the stored statements. */

struct _TpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *sides_group;
  AdwEntryRow          *new_side_row;
  AdwEntryRow          *actor_name_row;
  AdwEntryRow          *actor_aliases_row;
  AdwComboRow          *actor_side_row;
  AdwComboRow          *actor_gender_row;
  AdwEntryRow          *actor_role_row;
  AdwEntryRow          *actor_from_row;
  AdwEntryRow          *actor_until_row;
  AdwPreferencesGroup  *actors_group;
  AdwEntryRow          *topic_name_row;
  AdwEntryRow          *topic_keywords_row;
  AdwPreferencesGroup  *topics_group;

  TpLibraryWorker      *worker;
  GCancellable         *cancellable;
  TpLexicon            *lexicon;
  GPtrArray            *rows;        /* rows added for the lexicon, to remove on refresh */
  GPtrArray            *side_keys;   /* parallel to actor_side_row's model */
  gboolean              changed;
};

enum {
  LEXICON_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpPreferencesWindow, tp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void load_lexicon (TpPreferencesWindow *self);

/* Store jobs */

typedef struct
{
  char      *key;
  char      *name;
  char      *color;
  int        order;
  char      *side;
  TpGender   gender;
  char      *role;
  char      *valid_from;
  char      *valid_until;
  GStrv      terms;
  /* A second side to save, for reordering. */
  char      *key2;
  char      *name2;
  char      *color2;
  int        order2;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->key);
  g_free (edit->name);
  g_free (edit->color);
  g_free (edit->side);
  g_free (edit->role);
  g_free (edit->valid_from);
  g_free (edit->valid_until);
  g_strfreev (edit->terms);
  g_free (edit->key2);
  g_free (edit->name2);
  g_free (edit->color2);
  g_free (edit);
}

static gboolean
save_side_job (TpStore  *store,
               gpointer  data,
               GError  **error)
{
  Edit *edit = data;

  if (!tp_store_save_side (store, edit->key, edit->name, edit->color, edit->order, error))
    return FALSE;
  if (edit->key2 != NULL &&
      !tp_store_save_side (store, edit->key2, edit->name2, edit->color2, edit->order2, error))
    return FALSE;
  return TRUE;
}

static gboolean
save_actor_job (TpStore  *store,
                gpointer  data,
                GError  **error)
{
  Edit *edit = data;

  if (!tp_store_save_actor (store, edit->key, edit->name, edit->side, TP_ACTOR_PERSON, NULL, error)
      || !tp_store_set_actor_gender (store, edit->key, edit->gender, error))
    return FALSE;
  if (!tp_store_add_actor_alias (store, edit->key, NULL, edit->name, FALSE, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; edit->terms != NULL && edit->terms[i] != NULL; i++)
    if (!tp_store_add_actor_alias (store, edit->key, NULL, edit->terms[i], FALSE, NULL, NULL, error))
      return FALSE;
  if (edit->role != NULL &&
      !tp_store_add_actor_alias (store, edit->key, NULL, edit->role, TRUE, edit->valid_from,
                                 edit->valid_until, error))
    return FALSE;
  return TRUE;
}

static gboolean
save_topic_job (TpStore  *store,
                gpointer  data,
                GError  **error)
{
  Edit *edit = data;

  if (!tp_store_save_topic (store, edit->key, edit->name, error))
    return FALSE;
  for (guint i = 0; edit->terms != NULL && edit->terms[i] != NULL; i++)
    if (!tp_store_add_topic_keyword (store, edit->key, NULL, edit->terms[i], error))
      return FALSE;
  return TRUE;
}

/* Auxiliary methods */

/* The items of actor_gender_row, in order. */
static const TpGender gender_items[] = { TP_GENDER_UNKNOWN, TP_GENDER_MALE, TP_GENDER_FEMALE };

static void
show_toast (TpPreferencesWindow *self,
            const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* A stable key from a display name: folded, ASCII, dashes. */
static char *
make_key (const char *name)
{
  g_autofree char *folded = tp_fold_string (name, -1);
  GString *key = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && key->len > 0)
            g_string_append_c (key, '-');
          g_string_append_c (key, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (key->len == 0)
    g_string_append_printf (key, "item-%08x", g_str_hash (name));
  return g_string_free (key, FALSE);
}

static GStrv
split_terms (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_optional_date (AdwEntryRow  *row,
                     char        **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int y, m, d;

  *out = NULL;
  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  *out = g_strdup (text);
  return TRUE;
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TpPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot save: %s"), error->message);
          show_toast (self, msg);
        }
      return;
    }
  self->changed = TRUE;
  show_toast (self, _("Saved. Statements are filed again when you close Preferences."));
  load_lexicon (self);
}

static void
run_edit (TpPreferencesWindow *self,
          TpStoreJob           job,
          Edit                *edit)
{
  tp_library_worker_run_async (self->worker, job, edit, edit_free, self->cancellable,
                               on_job_done_cb, self);
}

static void
on_side_color_set_cb (GtkColorButton      *button,
                      TpPreferencesWindow *self)
{
  const TpLexiconSide *side = g_object_get_data (G_OBJECT (button), "tp-side");
  Edit *edit = g_new0 (Edit, 1);
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  edit->key = g_strdup (side->key);
  edit->name = g_strdup (side->name);
  edit->color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                                 (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  edit->order = side->order;
  run_edit (self, save_side_job, edit);
}

static void
on_side_up_clicked_cb (GtkButton           *button,
                       TpPreferencesWindow *self)
{
  const TpLexiconSide *side = g_object_get_data (G_OBJECT (button), "tp-side");
  const TpLexiconSide *previous = g_object_get_data (G_OBJECT (button), "tp-previous");
  Edit *edit = g_new0 (Edit, 1);

  edit->key = g_strdup (side->key);
  edit->name = g_strdup (side->name);
  edit->color = g_strdup (side->color);
  edit->order = previous->order;
  edit->key2 = g_strdup (previous->key);
  edit->name2 = g_strdup (previous->name);
  edit->color2 = g_strdup (previous->color);
  edit->order2 = side->order == previous->order ? side->order + 1 : side->order;
  run_edit (self, save_side_job, edit);
}

static gint
compare_side_order (gconstpointer a,
                    gconstpointer b)
{
  const TpLexiconSide *sa = *(TpLexiconSide * const *) a;
  const TpLexiconSide *sb = *(TpLexiconSide * const *) b;

  return sa->order - sb->order;
}

static void
add_row (TpPreferencesWindow *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "tp-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
fill_lists (TpPreferencesWindow *self)
{
  g_autoptr(GPtrArray) sides = NULL;
  g_autoptr(GtkStringList) side_names = gtk_string_list_new (NULL);
  GPtrArray *actors, *topics, *keywords;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "tp-group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->side_keys, 0);

  sides = _tp_ptr_array_borrow (tp_lexicon_get_sides (self->lexicon));
  g_ptr_array_sort (sides, compare_side_order);
  gtk_string_list_append (side_names, _("No side"));
  g_ptr_array_add (self->side_keys, NULL);
  for (guint i = 0; i < sides->len; i++)
    {
      const TpLexiconSide *side = g_ptr_array_index (sides, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *color = gtk_color_button_new ();
      g_autofree char *a11y = NULL;
      GdkRGBA rgba;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), side->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), side->key);
      if (side->color == NULL || !gdk_rgba_parse (&rgba, side->color))
        gdk_rgba_parse (&rgba, "#77767b");
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
      gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
      /* Translators: accessible name of a colour button, "Colour of Moscow" */
      a11y = g_strdup_printf (_("Colour of %s"), side->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (color), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (color), "tp-side", (gpointer) side);
      g_signal_connect (color, "color-set", G_CALLBACK (on_side_color_set_cb), self);
      if (i > 0)
        {
          GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");
          g_autofree char *up_label = g_strdup_printf (_("Move %s up"), side->name);

          gtk_widget_set_valign (up, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (up, "flat");
          gtk_widget_set_tooltip_text (up, up_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          up_label, -1);
          g_object_set_data (G_OBJECT (up), "tp-side", (gpointer) side);
          g_object_set_data (G_OBJECT (up), "tp-previous", g_ptr_array_index (sides, i - 1));
          g_signal_connect (up, "clicked", G_CALLBACK (on_side_up_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), color);
      add_row (self, self->sides_group, row);

      gtk_string_list_append (side_names, side->name);
      g_ptr_array_add (self->side_keys, g_strdup (side->key));
    }
  adw_combo_row_set_model (self->actor_side_row, G_LIST_MODEL (side_names));

  actors = tp_lexicon_get_actors (self->lexicon);
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), actor->name);
      subtitle = g_strdup_printf ("%s%s%s", _tp_side_get_name (self->lexicon, actor->side),
                                  actor->role ? " · " : "", actor->role ? actor->role : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_row (self, self->actors_group, row);
    }

  topics = tp_lexicon_get_topics (self->lexicon);
  keywords = tp_lexicon_get_topic_keywords (self->lexicon);
  for (guint i = 0; i < topics->len; i++)
    {
      const TpLexiconTopic *topic = g_ptr_array_index (topics, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) words = g_string_new (NULL);
      guint shown = 0;

      for (guint k = 0; k < keywords->len; k++)
        {
          const TpLexiconTerm *term = g_ptr_array_index (keywords, k);

          if (g_strcmp0 (term->topic, topic->key) != 0)
            continue;
          if (shown++ < 8)
            g_string_append_printf (words, "%s%s", words->len ? ", " : "", term->text);
        }
      if (shown > 8)
        g_string_append (words, ", …");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _tp_topic_get_name (self->lexicon, topic->key));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), words->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      add_row (self, self->topics_group, row);
    }
}

static void
on_lexicon_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TpPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  TpLexicon *lexicon;

  lexicon = tp_library_worker_load_lexicon_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (lexicon == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  g_clear_object (&self->lexicon);
  self->lexicon = lexicon;
  fill_lists (self);
}

static void
load_lexicon (TpPreferencesWindow *self)
{
  tp_library_worker_load_lexicon_async (self->worker, self->cancellable, on_lexicon_loaded_cb, self);
}

/* Callbacks */

static void
on_new_side_apply_cb (TpPreferencesWindow *self,
                      AdwEntryRow         *row)
{
  static const char *palette[] = { "#26a269", "#9141ac", "#e66100", "#63452c", "#1c71d8" };
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  Edit *edit;
  GPtrArray *sides;
  int order = 0;

  if (*name == '\0' || self->lexicon == NULL)
    return;
  sides = tp_lexicon_get_sides (self->lexicon);
  for (guint i = 0; i < sides->len; i++)
    order = MAX (order, ((TpLexiconSide *) g_ptr_array_index (sides, i))->order + 1);

  edit = g_new0 (Edit, 1);
  edit->key = make_key (name);
  edit->name = g_steal_pointer (&name);
  edit->color = g_strdup (palette[sides->len % G_N_ELEMENTS (palette)]);
  edit->order = order;
  run_edit (self, save_side_job, edit);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_add_actor_clicked_cb (TpPreferencesWindow *self,
                         GtkButton           *button)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->actor_name_row))));
  g_autofree char *role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->actor_role_row))));
  guint side = adw_combo_row_get_selected (self->actor_side_row);
  guint gender = adw_combo_row_get_selected (self->actor_gender_row);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  Edit *edit;

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->actor_name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->actor_name_row), "error");
  if (!parse_optional_date (self->actor_from_row, &from) ||
      !parse_optional_date (self->actor_until_row, &until))
    return;

  edit = g_new0 (Edit, 1);
  edit->key = make_key (name);
  edit->name = g_steal_pointer (&name);
  edit->side = side < self->side_keys->len ? g_strdup (g_ptr_array_index (self->side_keys, side)) : NULL;
  edit->gender = gender < G_N_ELEMENTS (gender_items) ? gender_items[gender] : TP_GENDER_UNKNOWN;
  edit->terms = split_terms (gtk_editable_get_text (GTK_EDITABLE (self->actor_aliases_row)));
  edit->role = *role ? g_steal_pointer (&role) : NULL;
  edit->valid_from = g_steal_pointer (&from);
  edit->valid_until = g_steal_pointer (&until);
  run_edit (self, save_actor_job, edit);

  gtk_editable_set_text (GTK_EDITABLE (self->actor_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->actor_aliases_row), "");
  adw_combo_row_set_selected (self->actor_gender_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->actor_role_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->actor_from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->actor_until_row), "");
}

static void
on_add_topic_clicked_cb (TpPreferencesWindow *self,
                         GtkButton           *button)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_name_row))));
  Edit *edit;

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->topic_name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->topic_name_row), "error");

  edit = g_new0 (Edit, 1);
  edit->key = make_key (name);
  edit->name = g_steal_pointer (&name);
  edit->terms = split_terms (gtk_editable_get_text (GTK_EDITABLE (self->topic_keywords_row)));
  run_edit (self, save_topic_job, edit);

  gtk_editable_set_text (GTK_EDITABLE (self->topic_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->topic_keywords_row), "");
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  TpPreferencesWindow *self = TP_PREFERENCES_WINDOW (window);

  if (self->changed)
    {
      self->changed = FALSE;
      g_signal_emit (self, signals[LEXICON_CHANGED], 0);
    }
  return FALSE;
}

/* GObject overrides */

static void
tp_preferences_window_dispose (GObject *object)
{
  TpPreferencesWindow *self = TP_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->worker);
  g_clear_object (&self->lexicon);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->side_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (tp_preferences_window_parent_class)->dispose (object);
}

static void
tp_preferences_window_class_init (TpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_preferences_window_dispose;

  signals[LEXICON_CHANGED] =
    g_signal_new ("lexicon-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, sides_group);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, new_side_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_name_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_aliases_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_side_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_gender_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_role_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_from_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actor_until_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, actors_group);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, topic_name_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, topic_keywords_row);
  gtk_widget_class_bind_template_child (widget_class, TpPreferencesWindow, topics_group);
  gtk_widget_class_bind_template_callback (widget_class, on_new_side_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_actor_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_topic_clicked_cb);
}

static void
tp_preferences_window_init (TpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->side_keys = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

/* Public API */

TpPreferencesWindow *
tp_preferences_window_new (GtkWindow       *parent,
                           TpLibraryWorker *worker)
{
  TpPreferencesWindow *self;

  g_return_val_if_fail (TP_IS_LIBRARY_WORKER (worker), NULL);

  self = g_object_new (TP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->worker = g_object_ref (worker);
  load_lexicon (self);
  return self;
}

/**
 * tp_preferences_window_get_lexicon:
 *
 * Returns: (nullable) (transfer none): the lexicon shown, once read
 */
TpLexicon *
tp_preferences_window_get_lexicon (TpPreferencesWindow *self)
{
  g_return_val_if_fail (TP_IS_PREFERENCES_WINDOW (self), NULL);
  return self->lexicon;
}

gboolean
tp_preferences_window_get_changed (TpPreferencesWindow *self)
{
  g_return_val_if_fail (TP_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->changed;
}
