/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-annotation-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-annotation-panel.h"
#include "tp-store.h"

typedef enum
{
  OP_LOAD,
  OP_SET_REVIEW,
  OP_SET_STARRED,
  OP_ADD_TAG,
  OP_REMOVE_TAG,
  OP_ADD_NOTE,
  OP_UPDATE_NOTE,
  OP_DELETE_NOTE,
  OP_RENAME_TAG,
  OP_DELETE_TAG,
} OpKind;

/* How long a deleted tag can be brought back before it is really deleted. */
#define UNDO_SECONDS 8

/* One request to the worker thread. Every request ends by reading the
 * statement's annotations back, so the panel always shows what is saved. */
typedef struct
{
  OpKind  kind;
  char   *db_path;
  gint64  statement_id;
  gint64  id;        /* tag or note id */
  char   *text;      /* tag name or note text */
  int     value;     /* review status or starred */
} Op;

typedef struct
{
  gint64          statement_id;
  TpReviewStatus  review;
  gboolean        starred;
  GPtrArray      *tags;      /* TpTag, the statement's */
  GPtrArray      *notes;     /* TpNote */
  GPtrArray      *all_tags;  /* TpTag, the library's */
} Annotations;

struct _TpAnnotationPanel
{
  GtkWidget     parent_instance;

  GtkDropDown  *review_dropdown;
  GtkToggleButton *star_button;
  GtkFlowBox   *tags_box;
  GtkEntry     *tag_entry;
  GtkListBox   *notes_list;
  GtkTextView  *note_view;
  GtkButton    *save_note_button;
  GtkButton    *cancel_edit_button;
  GtkLabel     *error_label;
  GtkMenuButton *manage_tags_button;
  GtkListBox   *all_tags_list;
  GtkRevealer  *undo_revealer;
  GtkLabel     *undo_label;

  char         *db_path;
  gint64        statement_id;
  gint64        editing_note_id;
  GQueue        pending;      /* Op */
  gboolean      running;
  gboolean      updating;     /* filling widgets: their signals are not edits */
  GCancellable *cancellable;

  gint64        pending_delete_id;    /* a deleted tag that Undo can still restore */
  guint         undo_timeout_id;
};

G_DEFINE_FINAL_TYPE (TpAnnotationPanel, tp_annotation_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LIBRARY,
  PROP_STATEMENT_ID,
  PROP_BUSY,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_next (TpAnnotationPanel *self);

/* Auxiliary methods */

static void
op_free (Op *op)
{
  g_free (op->db_path);
  g_free (op->text);
  g_free (op);
}

static void
annotations_free (Annotations *a)
{
  g_clear_pointer (&a->tags, g_ptr_array_unref);
  g_clear_pointer (&a->notes, g_ptr_array_unref);
  g_clear_pointer (&a->all_tags, g_ptr_array_unref);
  g_free (a);
}

static gboolean
apply_op (TpStore  *store,
          Op       *op,
          GError  **error)
{
  gint64 tag_id;

  switch (op->kind)
    {
    case OP_LOAD:
      return TRUE;
    case OP_SET_REVIEW:
      return tp_store_set_statement_review (store, op->statement_id, op->value, error);
    case OP_SET_STARRED:
      return tp_store_set_statement_starred (store, op->statement_id, op->value, error);
    case OP_ADD_TAG:
      tag_id = tp_store_ensure_tag (store, op->text, error);
      return tag_id > 0 && tp_store_tag_statement (store, op->statement_id, tag_id, error);
    case OP_REMOVE_TAG:
      return tp_store_untag_statement (store, op->statement_id, op->id, error);
    case OP_ADD_NOTE:
      return tp_store_add_note (store, op->statement_id, op->text, NULL, error);
    case OP_UPDATE_NOTE:
      return tp_store_update_note (store, op->id, op->text, error);
    case OP_DELETE_NOTE:
      return tp_store_delete_note (store, op->id, error);
    case OP_RENAME_TAG:
      /* Renaming a tag onto another tag's name merges the two. */
      tag_id = tp_store_lookup_tag (store, op->text, error);
      if (tag_id < 0)
        return FALSE;
      if (tag_id > 0 && tag_id != op->id)
        return tp_store_merge_tags (store, op->id, tag_id, error);
      return tp_store_rename_tag (store, op->id, op->text, error);
    case OP_DELETE_TAG:
      return tp_store_delete_tag (store, op->id, error);
    default:
      g_assert_not_reached ();
    }
}

static void
run_op_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Op *op = task_data;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpStatement) statement = NULL;
  Annotations *a;
  GError *error = NULL;

  store = tp_store_open (op->db_path, &error);
  if (store == NULL || !apply_op (store, op, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  a = g_new0 (Annotations, 1);
  a->statement_id = op->statement_id;
  a->all_tags = tp_store_list_tags (store, &error);
  if (a->all_tags == NULL)
    {
      annotations_free (a);
      g_task_return_error (task, error);
      return;
    }
  if (op->statement_id == 0)
    {
      /* A library-wide edit with no statement shown. */
      a->tags = g_ptr_array_new ();
      a->notes = g_ptr_array_new ();
      g_task_return_pointer (task, a, (GDestroyNotify) annotations_free);
      return;
    }
  statement = tp_store_get_statement (store, op->statement_id, &error);
  if (statement == NULL
      || !tp_store_get_statement_starred (store, op->statement_id, &a->starred, &error)
      || (a->tags = tp_store_list_statement_tags (store, op->statement_id, &error)) == NULL
      || (a->notes = tp_store_list_notes (store, op->statement_id, &error)) == NULL)
    {
      annotations_free (a);
      g_task_return_error (task, error);
      return;
    }
  a->review = statement->review;
  g_task_return_pointer (task, a, (GDestroyNotify) annotations_free);
}

static void
show_error (TpAnnotationPanel *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

static void
reset_note_editor (TpAnnotationPanel *self)
{
  self->editing_note_id = 0;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  gtk_button_set_label (self->save_note_button, _("_Add Note"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_edit_button), FALSE);
}

static void
queue_op (TpAnnotationPanel *self,
          OpKind             kind,
          gint64             id,
          const char        *text,
          int                value)
{
  Op *op;

  if (self->db_path == NULL
      || (self->statement_id <= 0 && kind != OP_RENAME_TAG && kind != OP_DELETE_TAG))
    return;
  op = g_new0 (Op, 1);
  op->kind = kind;
  op->db_path = g_strdup (self->db_path);
  op->statement_id = self->statement_id;
  op->id = id;
  op->text = g_strdup (text);
  op->value = value;
  g_queue_push_tail (&self->pending, op);
  run_next (self);
}

/* Callbacks */

static void
on_tag_chip_clicked_cb (GtkButton         *button,
                        TpAnnotationPanel *self)
{
  gint64 *tag_id = g_object_get_data (G_OBJECT (button), "tp-tag-id");

  queue_op (self, OP_REMOVE_TAG, *tag_id, NULL, 0);
}

static void
on_note_edit_clicked_cb (GtkButton         *button,
                         TpAnnotationPanel *self)
{
  TpNote *note = g_object_get_data (G_OBJECT (button), "tp-note");

  self->editing_note_id = note->id;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note->text, -1);
  gtk_button_set_label (self->save_note_button, _("_Save Note"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_edit_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
on_note_delete_clicked_cb (GtkButton         *button,
                           TpAnnotationPanel *self)
{
  TpNote *note = g_object_get_data (G_OBJECT (button), "tp-note");

  if (self->editing_note_id == note->id)
    reset_note_editor (self);
  queue_op (self, OP_DELETE_NOTE, note->id, NULL, 0);
}

static GtkWidget *
make_tag_chip (TpAnnotationPanel *self,
               TpTag             *tag)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autofree char *tooltip = g_strdup_printf (_("Remove the tag “%s”"), tag->name);
  gint64 *id = g_new (gint64, 1);

  *id = tag->id;
  gtk_box_append (GTK_BOX (box), gtk_label_new (tag->name));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  g_object_set_data_full (G_OBJECT (button), "tp-tag-id", id, g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_tag_chip_clicked_cb), self);
  return button;
}

static GtkWidget *
make_note_row (TpAnnotationPanel *self,
               TpNote            *note)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (note->text);
  const char *stamp = note->modified ? note->modified : note->created;
  g_autoptr(GDateTime) utc = stamp ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: when a note was written or last edited, see g_date_time_format() */
  g_autofree char *when_text = local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup (stamp);
  GtkWidget *when = gtk_label_new (when_text);
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  TpNote *copy = tp_note_copy (note);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), text);
  gtk_box_append (GTK_BOX (texts), when);

  gtk_widget_set_tooltip_text (edit, _("Edit this note"));
  gtk_widget_set_tooltip_text (remove, _("Delete this note"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (edit), "tp-note", copy, (GDestroyNotify) tp_note_free);
  g_object_set_data (G_OBJECT (remove), "tp-note", copy);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_note_edit_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_note_delete_clicked_cb), self);

  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 4);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), edit);
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

static void
set_tag_widgets_visible (TpAnnotationPanel *self,
                         gint64             tag_id,
                         gboolean           visible)
{
  GtkWidget *containers[] = { GTK_WIDGET (self->all_tags_list), GTK_WIDGET (self->tags_box) };

  /* Rows and chips are wrapped by their container (GtkListBoxRow,
   * GtkFlowBoxChild); the tag id sits on the wrapped widget. */
  for (guint c = 0; c < G_N_ELEMENTS (containers); c++)
    for (GtkWidget *row = gtk_widget_get_first_child (containers[c]); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *child = gtk_widget_get_first_child (row);
        gint64 *id = child ? g_object_get_data (G_OBJECT (child), "tp-tag-id") : NULL;

        if (id != NULL && *id == tag_id)
          gtk_widget_set_visible (row, visible);
      }
}

static void
commit_pending_delete (TpAnnotationPanel *self)
{
  gint64 id = self->pending_delete_id;

  g_clear_handle_id (&self->undo_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  if (id <= 0)
    return;
  self->pending_delete_id = 0;
  queue_op (self, OP_DELETE_TAG, id, NULL, 0);
}

static gboolean
on_undo_timeout_cb (gpointer user_data)
{
  TpAnnotationPanel *self = user_data;

  self->undo_timeout_id = 0;
  commit_pending_delete (self);
  return G_SOURCE_REMOVE;
}

static void
on_undo_button_clicked_cb (TpAnnotationPanel *self)
{
  gint64 id = self->pending_delete_id;

  g_clear_handle_id (&self->undo_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  self->pending_delete_id = 0;
  if (id > 0)
    set_tag_widgets_visible (self, id, TRUE);
}

/* Deleting a tag only hides it for a few seconds: Undo brings it back
 * untouched, and nothing is written until the time is up. */
static void
on_tag_delete_clicked_cb (GtkButton         *button,
                          TpAnnotationPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (button))),
                                  "tp-tag-id");
  const char *name = g_object_get_data (G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (button))),
                                        "tp-tag-name");
  g_autofree char *message = g_strdup_printf (_("Tag “%s” deleted"), name);

  if (self->pending_delete_id > 0 && self->pending_delete_id != *id)
    commit_pending_delete (self);
  self->pending_delete_id = *id;
  set_tag_widgets_visible (self, *id, FALSE);
  gtk_label_set_label (self->undo_label, message);
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  g_clear_handle_id (&self->undo_timeout_id, g_source_remove);
  self->undo_timeout_id = g_timeout_add_seconds (UNDO_SECONDS, on_undo_timeout_cb, self);
}

static void
on_tag_name_notify_editing_cb (GtkEditableLabel  *label,
                               GParamSpec        *pspec,
                               TpAnnotationPanel *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (label));
  gint64 *id = g_object_get_data (G_OBJECT (row), "tp-tag-id");
  const char *old_name = g_object_get_data (G_OBJECT (row), "tp-tag-name");
  g_autofree char *name = NULL;

  if (gtk_editable_label_get_editing (label))
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  if (*name == '\0' || g_strcmp0 (name, old_name) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (label), old_name);
      return;
    }
  queue_op (self, OP_RENAME_TAG, *id, name, 0);
}

static GtkWidget *
make_library_tag_row (TpAnnotationPanel *self,
                      TpTag             *tag)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_editable_label_new (tag->name);
  g_autofree char *count_text = g_strdup_printf (ngettext ("%u statement", "%u statements",
                                                           tag->n_statements),
                                                 tag->n_statements);
  GtkWidget *count = gtk_label_new (count_text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Delete the tag “%s” from every statement"),
                                              tag->name);
  gint64 *id = g_new (gint64, 1);

  *id = tag->id;
  g_object_set_data_full (G_OBJECT (row), "tp-tag-id", id, g_free);
  g_object_set_data_full (G_OBJECT (row), "tp-tag-name", g_strdup (tag->name), g_free);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (name, "notify::editing", G_CALLBACK (on_tag_name_notify_editing_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_tag_delete_clicked_cb), self);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 4);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), count);
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

static void
show_annotations (TpAnnotationPanel *self,
                  Annotations       *a)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->review_dropdown, a->review);
  gtk_toggle_button_set_active (self->star_button, a->starred);
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            a->starred ? "starred-symbolic" : "non-starred-symbolic");

  clear_children (GTK_WIDGET (self->tags_box));
  for (guint i = 0; i < a->tags->len; i++)
    gtk_flow_box_append (self->tags_box, make_tag_chip (self, g_ptr_array_index (a->tags, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), a->tags->len > 0);
  /* GtkFlowBox (4.8) keeps the size it measured while empty when children
   * are added; without a fresh measure the panel's height for its width
   * disagrees with its minimum height. */
  gtk_widget_queue_resize (GTK_WIDGET (self->tags_box));

  clear_children (GTK_WIDGET (self->all_tags_list));
  for (guint i = 0; i < a->all_tags->len; i++)
    gtk_list_box_append (self->all_tags_list,
                         make_library_tag_row (self, g_ptr_array_index (a->all_tags, i)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->manage_tags_button), a->all_tags->len > 0);
  if (self->pending_delete_id > 0)
    set_tag_widgets_visible (self, self->pending_delete_id, FALSE);

  clear_children (GTK_WIDGET (self->notes_list));
  for (guint i = 0; i < a->notes->len; i++)
    gtk_list_box_append (self->notes_list, make_note_row (self, g_ptr_array_index (a->notes, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), a->notes->len > 0);
  self->updating = FALSE;
}

static void
on_op_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TpAnnotationPanel *self = TP_ANNOTATION_PANEL (source);
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Annotations *a = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  if (a == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the change: %s"), error->message);

      show_error (self, message);
    }
  else
    {
      /* A reply for a statement the panel no longer shows is stale. */
      if (a->statement_id == self->statement_id)
        {
          show_error (self, NULL);
          show_annotations (self, a);
          gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
        }
      if (op->kind != OP_LOAD)
        g_signal_emit (self, signals[CHANGED], 0, a->statement_id);
      annotations_free (a);
    }
  run_next (self);
}

static void
run_next (TpAnnotationPanel *self)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  if (self->running || g_queue_is_empty (&self->pending))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  /* One request at a time, in order: "tag, then untag" must not race. */
  op = g_queue_pop_head (&self->pending);
  self->running = TRUE;
  task = g_task_new (self, self->cancellable, on_op_done_cb, NULL);
  g_task_set_source_tag (task, run_next);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, run_op_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_review_dropdown_notify_selected_cb (TpAnnotationPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->review_dropdown);

  if (self->updating || selected > TP_REVIEW_REJECTED)
    return;
  queue_op (self, OP_SET_REVIEW, 0, NULL, (int) selected);
}

static void
on_star_button_toggled_cb (TpAnnotationPanel *self)
{
  gboolean active = gtk_toggle_button_get_active (self->star_button);

  if (self->updating)
    return;
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            active ? "starred-symbolic" : "non-starred-symbolic");
  queue_op (self, OP_SET_STARRED, 0, NULL, active);
}

static void
on_tag_entry_activate_cb (TpAnnotationPanel *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));

  if (*name == '\0')
    return;
  queue_op (self, OP_ADD_TAG, 0, name, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

static void
on_save_note_button_clicked_cb (TpAnnotationPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;
  if (self->editing_note_id > 0)
    queue_op (self, OP_UPDATE_NOTE, self->editing_note_id, text, 0);
  else
    queue_op (self, OP_ADD_NOTE, 0, text, 0);
  reset_note_editor (self);
}

static void
on_cancel_edit_button_clicked_cb (TpAnnotationPanel *self)
{
  reset_note_editor (self);
}

/* GObject overrides */

static void
tp_annotation_panel_dispose (GObject *object)
{
  TpAnnotationPanel *self = TP_ANNOTATION_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->pending, (GDestroyNotify) op_free);
  g_clear_handle_id (&self->undo_timeout_id, g_source_remove);
  if (self->pending_delete_id > 0 && self->db_path != NULL)
    {
      /* The panel goes away before Undo timed out: the delete stands. */
      GTask *task = g_task_new (NULL, NULL, NULL, NULL);
      Op *op = g_new0 (Op, 1);

      op->kind = OP_DELETE_TAG;
      op->db_path = g_strdup (self->db_path);
      op->id = self->pending_delete_id;
      g_task_set_task_data (task, op, (GDestroyNotify) op_free);
      g_task_run_in_thread (task, run_op_thread);
      g_object_unref (task);
      self->pending_delete_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_ANNOTATION_PANEL);
  /* The template's unnamed rows (headings, button box) are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tp_annotation_panel_parent_class)->dispose (object);
}

static void
tp_annotation_panel_finalize (GObject *object)
{
  TpAnnotationPanel *self = TP_ANNOTATION_PANEL (object);

  g_clear_object (&self->cancellable);
  g_free (self->db_path);

  G_OBJECT_CLASS (tp_annotation_panel_parent_class)->finalize (object);
}

static void
tp_annotation_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TpAnnotationPanel *self = TP_ANNOTATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_STATEMENT_ID:
      g_value_set_int64 (value, self->statement_id);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, tp_annotation_panel_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_annotation_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TpAnnotationPanel *self = TP_ANNOTATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      tp_annotation_panel_set_library (self, g_value_get_string (value));
      break;
    case PROP_STATEMENT_ID:
      tp_annotation_panel_set_statement (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_annotation_panel_class_init (TpAnnotationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_annotation_panel_dispose;
  object_class->finalize = tp_annotation_panel_finalize;
  object_class->get_property = tp_annotation_panel_get_property;
  object_class->set_property = tp_annotation_panel_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_string ("library", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATEMENT_ID] =
    g_param_spec_int64 ("statement-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TpAnnotationPanel::changed:
   * @self: the panel
   * @statement_id: the statement whose annotations were saved
   *
   * Emitted on the main loop after an edit has been saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-annotation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, review_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, star_button);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, notes_list);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, note_view);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, save_note_button);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, cancel_edit_button);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, manage_tags_button);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, all_tags_list);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, TpAnnotationPanel, undo_label);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_star_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_note_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_edit_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationpanel");
}

static void
tp_annotation_panel_init (TpAnnotationPanel *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  g_queue_init (&self->pending);
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * tp_annotation_panel_new:
 *
 * Returns: (transfer floating): a panel showing no statement
 */
GtkWidget *
tp_annotation_panel_new (void)
{
  return g_object_new (TP_TYPE_ANNOTATION_PANEL, NULL);
}

/**
 * tp_annotation_panel_set_library:
 * @self: a panel
 * @db_path: (nullable): the library file the panel reads and writes
 */
void
tp_annotation_panel_set_library (TpAnnotationPanel *self,
                                 const char        *db_path)
{
  g_return_if_fail (TP_IS_ANNOTATION_PANEL (self));

  if (g_strcmp0 (self->db_path, db_path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
      if (self->statement_id > 0)
        queue_op (self, OP_LOAD, 0, NULL, 0);
    }
}

const char *
tp_annotation_panel_get_library (TpAnnotationPanel *self)
{
  g_return_val_if_fail (TP_IS_ANNOTATION_PANEL (self), NULL);

  return self->db_path;
}

/**
 * tp_annotation_panel_set_statement:
 * @self: a panel
 * @statement_id: the statement to annotate, or 0 for none
 *
 * Shows @statement_id's annotations once they are read (in the background).
 */
void
tp_annotation_panel_set_statement (TpAnnotationPanel *self,
                                   gint64             statement_id)
{
  g_return_if_fail (TP_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (statement_id >= 0);

  if (self->statement_id == statement_id)
    return;
  self->statement_id = statement_id;
  reset_note_editor (self);
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  if (statement_id > 0)
    queue_op (self, OP_LOAD, 0, NULL, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATEMENT_ID]);
}

gint64
tp_annotation_panel_get_statement (TpAnnotationPanel *self)
{
  g_return_val_if_fail (TP_IS_ANNOTATION_PANEL (self), 0);

  return self->statement_id;
}

/**
 * tp_annotation_panel_flush:
 * @self: a panel
 *
 * Saves a tag deletion that is still waiting for Undo now (for instance
 * when the window closes).
 */
void
tp_annotation_panel_flush (TpAnnotationPanel *self)
{
  g_return_if_fail (TP_IS_ANNOTATION_PANEL (self));

  commit_pending_delete (self);
}

/**
 * tp_annotation_panel_is_busy:
 * @self: a panel
 *
 * Returns: whether a read or a save is still running or queued
 */
gboolean
tp_annotation_panel_is_busy (TpAnnotationPanel *self)
{
  g_return_val_if_fail (TP_IS_ANNOTATION_PANEL (self), FALSE);

  return self->running || !g_queue_is_empty (&self->pending);
}
