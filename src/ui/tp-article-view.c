/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-article-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tp-annotation-panel.h"
#include "tp-article-view.h"
#include "tp-ui-private.h"

struct _TpArticleView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *box;
  AdwWindowTitle    *window_title;
  GtkToggleButton   *panel_button;
  AdwFlap           *flap;
  GtkBox            *legend_box;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkTextView       *text_view;
  GtkBox            *captions_box;
  GtkStack          *panel_stack;
  GtkLabel          *quote_label;
  AdwEntryRow       *speaker_row;
  AdwComboRow       *actor_row;
  AdwComboRow       *side_row;
  AdwComboRow       *kind_row;
  AdwEntryRow       *date_row;
  AdwExpanderRow    *topics_row;
  TpAnnotationPanel *annotation_panel;
  GtkLabel          *cue_label;

  TpLibraryWorker   *worker;
  GCancellable      *cancellable;
  TpLexicon         *lexicon;
  TpArticleDocument *document;
  gint64             article_id;
  gint64             wanted_statement_id;
  TpStatement       *selected;       /* (unowned) in document->statements */

  GPtrArray         *actor_keys;     /* parallel to actor_row's model, [0] = NULL */
  GPtrArray         *side_keys;      /* parallel to side_row's model, [0] = NULL */
  GPtrArray         *topic_checks;   /* GtkCheckButton, data "tp-topic" */
  GtkTextTag        *selected_tag;
  GtkTextTag        *rejected_tag;
  gboolean           populating;
};

enum {
  STATEMENT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpArticleView, tp_article_view, GTK_TYPE_WIDGET)

static void populate_panel      (TpArticleView  *self);
static void on_topic_toggled_cb (GtkCheckButton *check,
                                 TpArticleView  *self);

/* Auxiliary methods */

static char *
side_tag_name (const char *side)
{
  return g_strdup_printf ("side:%s", side != NULL ? side : "");
}

static GtkTextTag *
ensure_side_tag (TpArticleView *self,
                 const char    *side)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *name = side_tag_name (side);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  GdkRGBA color;
  GdkRGBA background;

  _tp_side_get_color (self->lexicon, side, &color);
  background = color;
  background.alpha = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.40 : 0.26;

  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (buffer, name, NULL);
      /* Statement tags stay below the selection and rejection tags. */
      gtk_text_tag_set_priority (tag, 0);
    }
  g_object_set (tag,
                "background-rgba", &background,
                "underline", PANGO_UNDERLINE_SINGLE,
                "underline-rgba", &color,
                NULL);
  return tag;
}

static void
clear_highlights (TpArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
}

static void
get_span (TpArticleView *self,
          TpStatement   *statement,
          GtkTextIter   *start,
          GtkTextIter   *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int n = gtk_text_buffer_get_char_count (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, start, (int) CLAMP (statement->start, 0, n));
  gtk_text_buffer_get_iter_at_offset (buffer, end, (int) CLAMP (statement->end, 0, n));
}

static void
apply_highlights (TpArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  clear_highlights (self);
  if (self->document == NULL)
    return;

  for (guint i = 0; i < self->document->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (self->document->statements, i);
      GtkTextIter start, end;

      get_span (self, st, &start, &end);
      if (st->review == TP_REVIEW_REJECTED)
        gtk_text_buffer_apply_tag (buffer, self->rejected_tag, &start, &end);
      else
        gtk_text_buffer_apply_tag (buffer, ensure_side_tag (self, st->side), &start, &end);
    }

  if (self->selected != NULL)
    {
      GtkTextIter start, end;

      get_span (self, self->selected, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->selected_tag, &start, &end);
    }
}

static void
fill_legend (TpArticleView *self)
{
  GtkWidget *child;
  GPtrArray *sides;
  guint unattributed = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);
  if (self->lexicon == NULL || self->document == NULL)
    return;

  sides = tp_lexicon_get_sides (self->lexicon);
  for (guint i = 0; i <= sides->len; i++)
    {
      const TpLexiconSide *side = i < sides->len ? g_ptr_array_index (sides, i) : NULL;
      g_autofree char *klass = _tp_side_css_class (side != NULL ? side->key : NULL);
      g_autofree char *text = NULL;
      GtkWidget *item, *dot, *label;
      guint n = 0;

      for (guint j = 0; j < self->document->statements->len; j++)
        {
          TpStatement *st = g_ptr_array_index (self->document->statements, j);

          if (st->review == TP_REVIEW_REJECTED)
            continue;
          if (side != NULL && g_strcmp0 (st->side, side->key) == 0)
            n++;
          else if (side == NULL && (st->side == NULL || tp_lexicon_lookup_side (self->lexicon, st->side) == NULL))
            n++;
        }
      if (side == NULL)
        {
          unattributed = n;
          if (unattributed == 0)
            break;
        }

      item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (dot, "side-dot");
      gtk_widget_add_css_class (dot, klass);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      /* Translators: legend entry, "Moscow (3)" */
      text = g_strdup_printf (_("%s (%u)"), _tp_side_display_name (side), n);
      label = gtk_label_new (text);
      gtk_box_append (GTK_BOX (item), dot);
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (self->legend_box, item);
    }
}

static void
fill_captions (TpArticleView *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->captions_box));
  GPtrArray *captions = self->document->article->captions;

  /* Keep the heading, drop the old captions. */
  child = gtk_widget_get_next_sibling (child);
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      gtk_box_remove (self->captions_box, child);
      child = next;
    }

  for (guint i = 0; captions != NULL && i < captions->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (captions, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->captions_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->captions_box), captions != NULL && captions->len > 0);
}

static void
fill_registry_models (TpArticleView *self)
{
  g_autoptr(GtkStringList) actors = NULL;
  g_autoptr(GtkStringList) sides = NULL;
  GPtrArray *lex_actors, *lex_sides, *lex_topics;

  for (guint i = 0; i < self->topic_checks->len; i++)
    adw_expander_row_remove (self->topics_row,
                             gtk_widget_get_ancestor (g_ptr_array_index (self->topic_checks, i),
                                                      ADW_TYPE_ACTION_ROW));
  g_ptr_array_set_size (self->topic_checks, 0);
  g_ptr_array_set_size (self->actor_keys, 0);
  g_ptr_array_set_size (self->side_keys, 0);

  actors = gtk_string_list_new (NULL);
  sides = gtk_string_list_new (NULL);
  gtk_string_list_append (actors, _("Not in the registry"));
  g_ptr_array_add (self->actor_keys, NULL);
  gtk_string_list_append (sides, _("No side"));
  g_ptr_array_add (self->side_keys, NULL);

  if (self->lexicon != NULL)
    {
      lex_actors = tp_lexicon_get_actors (self->lexicon);
      for (guint i = 0; i < lex_actors->len; i++)
        {
          const TpLexiconActor *actor = g_ptr_array_index (lex_actors, i);
          gtk_string_list_append (actors, actor->name);
          g_ptr_array_add (self->actor_keys, g_strdup (actor->key));
        }
      lex_sides = tp_lexicon_get_sides (self->lexicon);
      for (guint i = 0; i < lex_sides->len; i++)
        {
          const TpLexiconSide *side = g_ptr_array_index (lex_sides, i);
          gtk_string_list_append (sides, _tp_side_display_name (side));
          g_ptr_array_add (self->side_keys, g_strdup (side->key));
        }
      lex_topics = tp_lexicon_get_topics (self->lexicon);
      for (guint i = 0; i < lex_topics->len; i++)
        {
          const TpLexiconTopic *topic = g_ptr_array_index (lex_topics, i);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _tp_topic_get_name (self->lexicon, topic->key));
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_object_set_data_full (G_OBJECT (check), "tp-topic", g_strdup (topic->key), g_free);
          g_signal_connect (check, "toggled", G_CALLBACK (on_topic_toggled_cb), self);
          adw_expander_row_add_row (self->topics_row, row);
          g_ptr_array_add (self->topic_checks, check);
        }
    }

  self->populating = TRUE;
  adw_combo_row_set_model (self->actor_row, G_LIST_MODEL (actors));
  adw_combo_row_set_model (self->side_row, G_LIST_MODEL (sides));
  self->populating = FALSE;
}

static guint
index_of_key (GPtrArray  *keys,
              const char *key)
{
  for (guint i = 1; key != NULL && i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return i;
  return 0;
}

static void
populate_panel (TpArticleView *self)
{
  TpStatement *st = self->selected;
  g_autofree char *quote = NULL;
  g_autofree char *topics = NULL;

  if (st == NULL)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "none");
      tp_annotation_panel_set_statement (self->annotation_panel, 0);
      return;
    }

  self->populating = TRUE;
  gtk_stack_set_visible_child_name (self->panel_stack, "details");
  quote = g_strdup_printf ("“%s”", st->text != NULL ? st->text : "");
  gtk_label_set_label (self->quote_label, quote);
  gtk_editable_set_text (GTK_EDITABLE (self->speaker_row), st->speaker ? st->speaker : "");
  adw_combo_row_set_selected (self->actor_row, index_of_key (self->actor_keys, st->actor_key));
  adw_combo_row_set_selected (self->side_row, index_of_key (self->side_keys, st->side));
  adw_combo_row_set_selected (self->kind_row, st->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), st->said_on ? st->said_on : "");
  tp_annotation_panel_set_statement (self->annotation_panel, st->id);
  for (guint i = 0; i < self->topic_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->topic_checks, i);
      gtk_check_button_set_active (check, tp_statement_has_topic (st, g_object_get_data (G_OBJECT (check), "tp-topic")));
    }
  topics = _tp_statement_topics_text (self->lexicon, st);
  adw_expander_row_set_subtitle (self->topics_row, topics);
  if (st->manual)
    gtk_label_set_label (self->cue_label, _("Added by hand."));
  else
    {
      g_autofree char *cue = NULL;

      /* Translators: how the extractor found a statement; %s is the speech verb, %.0f a percentage */
      cue = g_strdup_printf (_("Found by Triptych from the cue “%s”, confidence %.0f %%."),
                             st->cue != NULL ? st->cue : "—", st->confidence * 100.0);
      gtk_label_set_label (self->cue_label, cue);
    }
  self->populating = FALSE;
}

static void
select_statement (TpArticleView *self,
                  TpStatement   *statement,
                  gboolean       scroll)
{
  self->selected = statement;
  apply_highlights (self);
  populate_panel (self);
  if (statement != NULL)
    {
      _tp_flap_set_reveal (self->flap, TRUE);
      if (scroll)
        {
          GtkTextIter start, end;

          get_span (self, statement, &start, &end);
          gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, TRUE, 0.0, 0.3);
        }
    }
}

static TpStatement *
statement_at_offset (TpArticleView *self,
                     int            offset)
{
  TpStatement *best = NULL;

  if (self->document == NULL)
    return NULL;
  /* The narrowest statement wins, and a live one over a rejected one. */
  for (guint i = 0; i < self->document->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (self->document->statements, i);

      if (offset < st->start || offset >= st->end)
        continue;
      if (best == NULL ||
          (best->review == TP_REVIEW_REJECTED && st->review != TP_REVIEW_REJECTED) ||
          (st->end - st->start < best->end - best->start &&
           (st->review != TP_REVIEW_REJECTED || best->review == TP_REVIEW_REJECTED)))
        best = st;
    }
  return best;
}

static void
on_statement_saved_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TpArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = tp_library_worker_save_statement_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (id <= 0 || error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
          g_autofree char *msg = g_strdup_printf (_("Cannot save the statement: %s"),
                                                  error ? error->message : "");

          if (overlay != NULL)
            adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (msg));
          else
            g_warning ("%s", msg);
        }
      return;
    }
  /* Saving an edit can move the review status from auto to edited. */
  if (tp_annotation_panel_get_statement (self->annotation_panel) == id)
    {
      tp_annotation_panel_set_statement (self->annotation_panel, 0);
      tp_annotation_panel_set_statement (self->annotation_panel, id);
    }
  g_signal_emit (self, signals[STATEMENT_SAVED], 0);
}

static void
save_selected (TpArticleView *self,
               gboolean       mark_edited)
{
  g_autoptr(TpStatement) copy = NULL;

  if (self->selected == NULL || self->populating)
    return;
  if (mark_edited && self->selected->review == TP_REVIEW_AUTO)
    self->selected->review = TP_REVIEW_EDITED;
  copy = _tp_statement_dup (self->selected);
  tp_library_worker_save_statement_async (self->worker, copy, self->cancellable,
                                          on_statement_saved_cb, g_object_ref (self));
  select_statement (self, self->selected, FALSE);
  fill_legend (self);
}

static void
on_document_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TpArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticleDocument) doc = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *published = NULL;
  g_autofree char *meta = NULL;
  TpArticle *article;
  TpStatement *wanted = NULL;

  doc = tp_library_worker_load_article_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->title_label, _("Cannot Open the Article"));
          gtk_label_set_label (self->meta_label, error->message);
          gtk_text_buffer_set_text (buffer, "", -1);
        }
      return;
    }

  g_clear_pointer (&self->document, tp_article_document_free);
  self->document = g_steal_pointer (&doc);
  self->selected = NULL;
  article = self->document->article;

  adw_window_title_set_title (self->window_title, article->title ? article->title : _("Untitled article"));
  adw_window_title_set_subtitle (self->window_title, article->outlet ? article->outlet : "");
  gtk_label_set_label (self->title_label, article->title ? article->title : _("Untitled article"));
  published = _tp_format_date (article->published);
  /* Translators: article details under its title: outlet · date · language */
  meta = g_strdup_printf (_("%s · %s · %s"), article->outlet ? article->outlet : _("Unknown outlet"),
                          published, _tp_language_name (article->language));
  gtk_label_set_label (self->meta_label, meta);
  gtk_text_buffer_set_text (buffer, article->body != NULL ? article->body : "", -1);

  fill_captions (self);
  fill_legend (self);

  for (guint i = 0; i < self->document->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (self->document->statements, i);
      if (st->id == self->wanted_statement_id)
        wanted = st;
    }
  select_statement (self, wanted, TRUE);
  if (wanted == NULL)
    _tp_flap_set_reveal (self->flap, FALSE);
}

/* After the annotation panel saved a change (the review status, say): the
 * same article again, read quietly so the text keeps its scroll position
 * and the selection stays where it was. */
static void
on_document_refreshed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(TpArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticleDocument) doc = NULL;
  gint64 selected_id = self->selected != NULL ? self->selected->id : 0;

  doc = tp_library_worker_load_article_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the article again: %s", error->message);
      return;
    }
  if (self->document == NULL || doc->article->id != self->document->article->id)
    return;

  g_clear_pointer (&self->document, tp_article_document_free);
  self->document = g_steal_pointer (&doc);
  self->selected = NULL;
  for (guint i = 0; i < self->document->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (self->document->statements, i);

      if (st->id == selected_id)
        self->selected = st;
    }
  apply_highlights (self);
  populate_panel (self);
  fill_legend (self);
}

static void
on_lexicon_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TpArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  TpLexicon *lexicon;

  lexicon = tp_library_worker_load_lexicon_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (lexicon == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the lexicon: %s", error->message);
      return;
    }
  g_clear_object (&self->lexicon);
  self->lexicon = lexicon;
  fill_registry_models (self);
  tp_library_worker_load_article_async (self->worker, self->article_id, self->cancellable,
                                        on_document_loaded_cb, g_object_ref (self));
}

/* Callbacks */

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TpArticleView   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  int bx, by;

  if (gtk_text_buffer_get_has_selection (buffer))
    return;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;
  select_statement (self, statement_at_offset (self, gtk_text_iter_get_offset (&iter)), FALSE);
}

static void
on_has_selection_notify_cb (GtkTextBuffer *buffer,
                            GParamSpec    *pspec,
                            TpArticleView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.add-statement",
                                 gtk_text_buffer_get_has_selection (buffer));
}

static void
on_annotation_panel_changed_cb (TpArticleView     *self,
                                gint64             statement_id,
                                TpAnnotationPanel *panel)
{
  if (self->document != NULL)
    tp_library_worker_load_article_async (self->worker, self->article_id, self->cancellable,
                                          on_document_refreshed_cb, g_object_ref (self));
  g_signal_emit (self, signals[STATEMENT_SAVED], 0);
}

static void
on_speaker_row_apply_cb (TpArticleView *self,
                         AdwEntryRow   *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->selected == NULL)
    return;
  g_free (self->selected->speaker);
  self->selected->speaker = *text ? g_strdup (text) : NULL;
  save_selected (self, TRUE);
}

static void
on_date_row_apply_cb (TpArticleView *self,
                      AdwEntryRow   *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int y, m, d;

  if (self->selected == NULL)
    return;
  if (*text != '\0' && (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
                        !g_date_valid_dmy (d, m, y)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_free (self->selected->said_on);
  self->selected->said_on = *text ? g_strdup (text) : NULL;
  save_selected (self, TRUE);
}

static void
on_actor_selected_notify_cb (AdwComboRow   *row,
                             GParamSpec    *pspec,
                             TpArticleView *self)
{
  guint index = adw_combo_row_get_selected (row);
  const char *key;
  const TpLexiconActor *actor = NULL;

  if (self->populating || self->selected == NULL || index >= self->actor_keys->len)
    return;
  key = g_ptr_array_index (self->actor_keys, index);
  if (g_strcmp0 (key, self->selected->actor_key) == 0)
    return;
  if (key != NULL && self->lexicon != NULL)
    actor = tp_lexicon_lookup_actor (self->lexicon, key);

  g_free (self->selected->actor_key);
  g_free (self->selected->actor);
  self->selected->actor_key = g_strdup (key);
  self->selected->actor = actor != NULL ? g_strdup (actor->name) : NULL;
  /* An actor belongs to a side: choosing one files the statement there. */
  if (actor != NULL)
    {
      g_free (self->selected->side);
      self->selected->side = g_strdup (actor->side);
    }
  save_selected (self, TRUE);
}

static void
on_side_selected_notify_cb (AdwComboRow   *row,
                            GParamSpec    *pspec,
                            TpArticleView *self)
{
  guint index = adw_combo_row_get_selected (row);
  const char *key;

  if (self->populating || self->selected == NULL || index >= self->side_keys->len)
    return;
  key = g_ptr_array_index (self->side_keys, index);
  if (g_strcmp0 (key, self->selected->side) == 0)
    return;
  g_free (self->selected->side);
  self->selected->side = g_strdup (key);
  save_selected (self, TRUE);
}

static void
on_kind_selected_notify_cb (AdwComboRow   *row,
                            GParamSpec    *pspec,
                            TpArticleView *self)
{
  guint index = adw_combo_row_get_selected (row);

  if (self->populating || self->selected == NULL || index > TP_STATEMENT_MIXED ||
      (TpStatementKind) index == self->selected->kind)
    return;
  self->selected->kind = index;
  save_selected (self, TRUE);
}

static void
on_topic_toggled_cb (GtkCheckButton *check,
                     TpArticleView  *self)
{
  const char *topic = g_object_get_data (G_OBJECT (check), "tp-topic");
  gboolean active = gtk_check_button_get_active (check);

  if (self->populating || self->selected == NULL)
    return;
  if (active == tp_statement_has_topic (self->selected, topic))
    return;
  if (active)
    tp_statement_add_topic (self->selected, topic);
  else
    {
      for (guint i = 0; i < self->selected->topics->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->selected->topics, i), topic) == 0)
          {
            g_ptr_array_remove_index (self->selected->topics, i);
            break;
          }
    }
  save_selected (self, TRUE);
}

static void
on_added_statement_saved_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(TpArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = tp_library_worker_save_statement_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (id <= 0 || error != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *msg = g_strdup_printf (_("Cannot add the statement: %s"),
                                              error ? error->message : "");
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (msg));
      else
        g_warning ("%s", msg);
      return;
    }
  self->wanted_statement_id = id;
  tp_library_worker_load_article_async (self->worker, self->article_id, self->cancellable,
                                        on_document_loaded_cb, g_object_ref (self));
  g_signal_emit (self, signals[STATEMENT_SAVED], 0);
}

static void
add_statement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tp_article_view_add_statement_for_selection (TP_ARTICLE_VIEW (widget));
}

/* GObject overrides */

static void
tp_article_view_dispose (GObject *object)
{
  TpArticleView *self = TP_ARTICLE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_ARTICLE_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->lexicon);
  g_clear_pointer (&self->document, tp_article_document_free);
  g_clear_pointer (&self->actor_keys, g_ptr_array_unref);
  g_clear_pointer (&self->side_keys, g_ptr_array_unref);
  g_clear_pointer (&self->topic_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (tp_article_view_parent_class)->dispose (object);
}

static void
tp_article_view_class_init (TpArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_article_view_dispose;

  signals[STATEMENT_SAVED] =
    g_signal_new ("statement-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TP_TYPE_ANNOTATION_PANEL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tparticleview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, box);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, window_title);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, panel_button);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, flap);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, captions_box);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, quote_label);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, actor_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, side_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, date_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, topics_row);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, annotation_panel);
  gtk_widget_class_bind_template_child (widget_class, TpArticleView, cue_label);
  gtk_widget_class_bind_template_callback (widget_class, on_speaker_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_annotation_panel_changed_cb);

  gtk_widget_class_install_action (widget_class, "article.add-statement", NULL,
                                   add_statement_action);
}

static void
on_dark_notify_cb (AdwStyleManager *manager,
                   GParamSpec      *pspec,
                   TpArticleView   *self)
{
  apply_highlights (self);
}

static void
tp_article_view_init (TpArticleView *self)
{
  g_autoptr(GtkStringList) kinds = NULL;
  GtkTextBuffer *buffer;
  GtkGesture *click;
  GdkRGBA dim = { 0.5, 0.5, 0.5, 1.0 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->actor_keys = g_ptr_array_new_with_free_func (g_free);
  self->side_keys = g_ptr_array_new_with_free_func (g_free);
  self->topic_checks = g_ptr_array_new ();

  kinds = gtk_string_list_new (NULL);
  /* Same order as TpStatementKind. */
  gtk_string_list_append (kinds, _tp_statement_kind_label (TP_STATEMENT_DIRECT));
  gtk_string_list_append (kinds, _tp_statement_kind_label (TP_STATEMENT_INDIRECT));
  gtk_string_list_append (kinds, _tp_statement_kind_label (TP_STATEMENT_MIXED));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect (self->actor_row, "notify::selected", G_CALLBACK (on_actor_selected_notify_cb), self);
  g_signal_connect (self->side_row, "notify::selected", G_CALLBACK (on_side_selected_notify_cb), self);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_notify_cb), self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->rejected_tag = gtk_text_buffer_create_tag (buffer, "rejected",
                                                   "strikethrough", TRUE,
                                                   "foreground-rgba", &dim,
                                                   NULL);
  self->selected_tag = gtk_text_buffer_create_tag (buffer, "selected",
                                                   "underline", PANGO_UNDERLINE_DOUBLE,
                                                   "weight", PANGO_WEIGHT_SEMIBOLD,
                                                   NULL);
  g_signal_connect (buffer, "notify::has-selection", G_CALLBACK (on_has_selection_notify_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.add-statement", FALSE);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  g_object_bind_property (self->panel_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_notify_cb), self, 0);
  _tp_flap_set_reveal (self->flap, FALSE);
  gtk_stack_set_visible_child_name (self->panel_stack, "none");
}

/* Public API */

void
tp_article_view_set_worker (TpArticleView   *self,
                            TpLibraryWorker *worker)
{
  g_return_if_fail (TP_IS_ARTICLE_VIEW (self));

  g_set_object (&self->worker, worker);
  tp_annotation_panel_set_library (self->annotation_panel,
                                   worker != NULL ? tp_library_worker_get_path (worker) : NULL);
}

/**
 * tp_article_view_load:
 * @statement_id: a statement to select and scroll to, or 0
 */
void
tp_article_view_load (TpArticleView *self,
                      gint64         article_id,
                      gint64         statement_id)
{
  g_return_if_fail (TP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (self->worker != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->article_id = article_id;
  self->wanted_statement_id = statement_id;
  self->selected = NULL;
  g_clear_pointer (&self->document, tp_article_document_free);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->meta_label, "");
  adw_window_title_set_title (self->window_title, "");
  adw_window_title_set_subtitle (self->window_title, "");
  populate_panel (self);

  /* The lexicon may have changed in Preferences since the last article. */
  tp_library_worker_load_lexicon_async (self->worker, self->cancellable,
                                        on_lexicon_loaded_cb, g_object_ref (self));
}

TpArticleDocument *
tp_article_view_get_document (TpArticleView *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_VIEW (self), NULL);
  return self->document;
}

GtkTextView *
tp_article_view_get_text_view (TpArticleView *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_VIEW (self), NULL);
  return self->text_view;
}

TpStatement *
tp_article_view_get_selected_statement (TpArticleView *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_VIEW (self), NULL);
  return self->selected;
}

void
tp_article_view_select_statement (TpArticleView *self,
                                  gint64         statement_id)
{
  g_return_if_fail (TP_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;
  for (guint i = 0; i < self->document->statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (self->document->statements, i);
      if (st->id == statement_id)
        {
          select_statement (self, st, TRUE);
          return;
        }
    }
}

/**
 * tp_article_view_add_statement_for_selection:
 *
 * Makes the selected text a hand-made statement, which re-analysis never
 * replaces, and selects it so its speaker and side can be set.
 */
void
tp_article_view_add_statement_for_selection (TpArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autoptr(TpStatement) statement = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TP_IS_ARTICLE_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (self->document == NULL || !gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (text));
    if (*trimmed == '\0')
      return;
  }

  statement = tp_statement_new ();
  statement->article_id = self->article_id;
  statement->start = gtk_text_iter_get_offset (&start);
  statement->end = gtk_text_iter_get_offset (&end);
  statement->text = g_steal_pointer (&text);
  statement->kind = (strstr (statement->text, "“") != NULL || strchr (statement->text, '"') != NULL)
                    ? TP_STATEMENT_DIRECT : TP_STATEMENT_INDIRECT;
  statement->review = TP_REVIEW_EDITED;
  statement->manual = TRUE;
  statement->confidence = 1.0;
  statement->said_on = g_strdup (self->document->article->published);
  if (statement->said_on != NULL && strlen (statement->said_on) > 10)
    statement->said_on[10] = '\0';
  gtk_text_buffer_select_range (buffer, &start, &start);

  tp_library_worker_save_statement_async (self->worker, statement, self->cancellable,
                                          on_added_statement_saved_cb, g_object_ref (self));
}

/**
 * tp_article_view_get_annotation_panel:
 *
 * Returns: (transfer none): the panel with the selected statement's review
 *   status, star, tags and notes
 */
TpAnnotationPanel *
tp_article_view_get_annotation_panel (TpArticleView *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_VIEW (self), NULL);
  return self->annotation_panel;
}
