/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-store.h"

/* The journalist's layer from the command line: tags, notes, review status
 * and stars on statements. */

/* Auxiliary methods */

static gboolean
parse_id (const char *arg,
          gint64     *id)
{
  char *end = NULL;
  gint64 value;

  if (arg == NULL || *arg == '\0')
    return FALSE;
  value = g_ascii_strtoll (arg, &end, 10);
  if (end == NULL || *end != '\0' || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

static TpStore *
open_library (const char *command,
              const char *db_path)
{
  g_autoptr(GError) error = NULL;
  TpStore *store;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      tp_cli_fail (_("%s: there is no library at “%s”; import articles first"), command, db_path);
      return NULL;
    }
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    tp_cli_fail_error (command, error);
  return store;
}

/* Opens the library and checks that the statement exists, so "tag 999 x"
 * says which id is wrong rather than failing on a foreign key. */
static TpStore *
open_for_statement (const char *command,
                    const char *db_path,
                    const char *id_arg,
                    gint64     *id)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpStatement) statement = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_id (id_arg, id))
    {
      tp_cli_fail (_("%s: “%s” is not a statement id"), command, id_arg);
      return NULL;
    }
  store = open_library (command, db_path);
  if (store == NULL)
    return NULL;
  statement = tp_store_get_statement (store, *id, &error);
  if (statement == NULL)
    {
      tp_cli_fail_error (command, error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static gint64
find_tag (TpStore    *store,
          const char *command,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tp_store_lookup_tag (store, name, &error);

  if (id < 0)
    tp_cli_fail_error (command, error);
  else if (id == 0)
    tp_cli_fail (_("%s: there is no tag “%s”"), command, name);
  return id;
}

static gboolean
want_json (int    *argc,
           char ***argv,
           const char *command,
           gboolean   *ok)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  *ok = TRUE;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      tp_cli_fail_error (command, error);
      *ok = FALSE;
      return FALSE;
    }
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "table"))
    {
      tp_cli_fail (_("%s: unknown format “%s”; use table or json"), command, format);
      *ok = FALSE;
      return FALSE;
    }
  return g_strcmp0 (format, "json") == 0;
}

/* Public API */

/* tag ID TAG... */
int
tp_cli_tag (int          argc,
            char       **argv,
            const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc < 3)
    return tp_cli_fail ("%s", _("usage: tag STATEMENT_ID TAG..."));
  store = open_for_statement ("tag", db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (argv[i]));
      gint64 tag_id;

      if (*name == '\0')
        return tp_cli_fail ("%s", _("tag: a tag name cannot be empty"));
      tag_id = tp_store_ensure_tag (store, name, &error);
      if (tag_id < 0 || !tp_store_tag_statement (store, id, tag_id, &error))
        return tp_cli_fail_error ("tag", error);
    }
  return 0;
}

/* untag ID TAG... */
int
tp_cli_untag (int          argc,
              char       **argv,
              const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc < 3)
    return tp_cli_fail ("%s", _("usage: untag STATEMENT_ID TAG..."));
  store = open_for_statement ("untag", db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  for (int i = 2; i < argc; i++)
    {
      gint64 tag_id = find_tag (store, "untag", argv[i]);

      if (tag_id <= 0)
        return 1;
      if (!tp_store_untag_statement (store, id, tag_id, &error))
        return tp_cli_fail_error ("untag", error);
    }
  return 0;
}

/* tags [list] [--format table|json] | rename OLD NEW | merge FROM INTO |
 * delete NAME | color NAME #RRGGBB */
int
tp_cli_tags (int          argc,
             char       **argv,
             const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = argc > 1 && argv[1][0] != '-' ? argv[1] : "list";

  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) tags = NULL;
      gboolean ok;
      gboolean json;

      if (argc > 1 && g_str_equal (argv[1], "list"))
        {
          argc--;
          argv++;
        }
      json = want_json (&argc, &argv, "tags", &ok);
      if (!ok)
        return 1;
      store = open_library ("tags", db_path);
      if (store == NULL)
        return 1;
      tags = tp_store_list_tags (store, &error);
      if (tags == NULL)
        return tp_cli_fail_error ("tags", error);
      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_array (b);
          for (guint i = 0; i < tags->len; i++)
            {
              TpTag *tag = g_ptr_array_index (tags, i);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, tag->id);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, tag->name);
              json_builder_set_member_name (b, "color");
              if (tag->color != NULL)
                json_builder_add_string_value (b, tag->color);
              else
                json_builder_add_null_value (b);
              json_builder_set_member_name (b, "statements");
              json_builder_add_int_value (b, tag->n_statements);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          {
            g_autoptr(JsonNode) root = json_builder_get_root (b);
            tp_cli_print_json (root);
          }
        }
      else
        for (guint i = 0; i < tags->len; i++)
          {
            TpTag *tag = g_ptr_array_index (tags, i);

            printf ("%s\t%u\t%s\n", tag->name, tag->n_statements, tag->color ? tag->color : "");
          }
      return 0;
    }

  if (g_str_equal (action, "rename"))
    {
      gint64 tag_id;

      if (argc != 4)
        return tp_cli_fail ("%s", _("usage: tags rename OLD NEW"));
      store = open_library ("tags", db_path);
      if (store == NULL || (tag_id = find_tag (store, "tags rename", argv[2])) <= 0)
        return 1;
      if (!tp_store_rename_tag (store, tag_id, argv[3], &error))
        return tp_cli_fail_error ("tags rename", error);
      return 0;
    }

  if (g_str_equal (action, "merge"))
    {
      gint64 from_id, into_id;

      if (argc != 4)
        return tp_cli_fail ("%s", _("usage: tags merge FROM INTO"));
      store = open_library ("tags", db_path);
      if (store == NULL
          || (from_id = find_tag (store, "tags merge", argv[2])) <= 0
          || (into_id = find_tag (store, "tags merge", argv[3])) <= 0)
        return 1;
      if (from_id == into_id)
        return tp_cli_fail ("%s", _("tags merge: a tag cannot be merged into itself"));
      if (!tp_store_merge_tags (store, from_id, into_id, &error))
        return tp_cli_fail_error ("tags merge", error);
      return 0;
    }

  if (g_str_equal (action, "delete"))
    {
      gint64 tag_id;

      if (argc != 3)
        return tp_cli_fail ("%s", _("usage: tags delete NAME"));
      store = open_library ("tags", db_path);
      if (store == NULL || (tag_id = find_tag (store, "tags delete", argv[2])) <= 0)
        return 1;
      if (!tp_store_delete_tag (store, tag_id, &error))
        return tp_cli_fail_error ("tags delete", error);
      return 0;
    }

  if (g_str_equal (action, "color"))
    {
      gint64 tag_id;

      if (argc != 4)
        return tp_cli_fail ("%s", _("usage: tags color NAME #RRGGBB"));
      store = open_library ("tags", db_path);
      if (store == NULL || (tag_id = find_tag (store, "tags color", argv[2])) <= 0)
        return 1;
      if (!tp_store_set_tag_color (store, tag_id, argv[3], &error))
        return tp_cli_fail_error ("tags color", error);
      return 0;
    }

  return tp_cli_fail (_("tags: unknown action “%s”; use list, rename, merge, delete or color"), action);
}

/* note ID TEXT */
int
tp_cli_note (int          argc,
             char       **argv,
             const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id, note_id = 0;

  if (argc < 3)
    return tp_cli_fail ("%s", _("usage: note STATEMENT_ID TEXT"));
  /* Unquoted words are joined, as a shell user would expect. */
  text = g_strjoinv (" ", argv + 2);
  g_strstrip (text);
  if (*text == '\0')
    return tp_cli_fail ("%s", _("note: the note is empty"));
  store = open_for_statement ("note", db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  if (!tp_store_add_note (store, id, text, &note_id, &error))
    return tp_cli_fail_error ("note", error);
  printf ("%" G_GINT64_FORMAT "\n", note_id);
  return 0;
}

/* notes ID [--format table|json] | notes edit NOTE_ID TEXT | notes delete NOTE_ID */
int
tp_cli_notes (int          argc,
              char       **argv,
              const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gboolean ok, json;
  gint64 id;

  if (argc >= 2 && (g_str_equal (argv[1], "edit") || g_str_equal (argv[1], "delete")))
    {
      gboolean edit = g_str_equal (argv[1], "edit");

      if ((edit && argc < 4) || (!edit && argc != 3))
        return tp_cli_fail ("%s", edit ? _("usage: notes edit NOTE_ID TEXT")
                                       : _("usage: notes delete NOTE_ID"));
      if (!parse_id (argv[2], &id))
        return tp_cli_fail (_("notes: “%s” is not a note id"), argv[2]);
      store = open_library ("notes", db_path);
      if (store == NULL)
        return 1;
      if (edit)
        {
          g_autofree char *text = g_strjoinv (" ", argv + 3);

          g_strstrip (text);
          if (*text == '\0')
            return tp_cli_fail ("%s", _("notes edit: the note is empty"));
          if (!tp_store_update_note (store, id, text, &error))
            return tp_cli_fail_error ("notes edit", error);
        }
      else if (!tp_store_delete_note (store, id, &error))
        return tp_cli_fail_error ("notes delete", error);
      return 0;
    }

  json = want_json (&argc, &argv, "notes", &ok);
  if (!ok)
    return 1;
  if (argc != 2)
    return tp_cli_fail ("%s", _("usage: notes STATEMENT_ID [--format table|json]"));
  store = open_for_statement ("notes", db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  notes = tp_store_list_notes (store, id, &error);
  if (notes == NULL)
    return tp_cli_fail_error ("notes", error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < notes->len; i++)
        {
          TpNote *note = g_ptr_array_index (notes, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, note->id);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, note->text);
          json_builder_set_member_name (b, "created");
          json_builder_add_string_value (b, note->created);
          json_builder_set_member_name (b, "modified");
          json_builder_add_string_value (b, note->modified);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tp_cli_print_json (root);
    }
  else
    for (guint i = 0; i < notes->len; i++)
      {
        TpNote *note = g_ptr_array_index (notes, i);
        g_autofree char *one_line = g_strdup (note->text);

        g_strdelimit (one_line, "\r\n\t", ' ');
        printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", note->id, note->created ? note->created : "",
                one_line);
      }
  return 0;
}

/* review ID confirmed|rejected|auto|edited */
int
tp_cli_review (int          argc,
               char       **argv,
               const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TpReviewStatus status;
  gint64 id;

  if (argc != 3)
    return tp_cli_fail ("%s", _("usage: review STATEMENT_ID confirmed|rejected|auto|edited"));
  if (!tp_review_status_from_string (argv[2], &status))
    return tp_cli_fail (_("review: unknown status “%s”; use confirmed, rejected, auto or edited"),
                        argv[2]);
  store = open_for_statement ("review", db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  if (!tp_store_set_statement_review (store, id, status, &error))
    return tp_cli_fail_error ("review", error);
  return 0;
}

/* star ID | unstar ID */
int
tp_cli_star (int          argc,
             char       **argv,
             const char  *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean starred = !g_str_equal (argv[0], "unstar");
  gint64 id;

  if (argc != 2)
    return tp_cli_fail (_("usage: %s STATEMENT_ID"), argv[0]);
  store = open_for_statement (argv[0], db_path, argv[1], &id);
  if (store == NULL)
    return 1;
  if (!tp_store_set_statement_starred (store, id, starred, &error))
    return tp_cli_fail_error (argv[0], error);
  return 0;
}
