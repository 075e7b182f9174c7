/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-store-private.h"

/* The library's copy of the lexicon. The default lexicon is copied in once,
 * when the library is created (meta key "lexicon_seeded"), so a journalist's
 * edits — a new actor, a deleted keyword — are never undone by an update. */

/* Auxiliary methods */

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* Prepares @sql, binds up to four strings (NULL binds NULL) and runs it. */
static gboolean
exec_texts (TpStore     *self,
            const char  *sql,
            const char  *op,
            GError     **error,
            guint        n,
            ...)
{
  g_autoptr(TpStoreStmt) stmt = _tp_store_prepare (self, sql, op, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    bind_text (stmt, (int) i + 1, va_arg (args, const char *));
  va_end (args);
  return _tp_store_step_done (self, stmt, op, error);
}

/* Column actor.gender (schema 7): 'male', 'female' or NULL. */
static const char *
gender_to_string (TpGender gender)
{
  switch (gender)
    {
    case TP_GENDER_MALE:
      return "male";
    case TP_GENDER_FEMALE:
      return "female";
    case TP_GENDER_UNKNOWN:
    default:
      return NULL;
    }
}

static TpGender
gender_from_string (const char *str)
{
  if (g_strcmp0 (str, "male") == 0)
    return TP_GENDER_MALE;
  if (g_strcmp0 (str, "female") == 0)
    return TP_GENDER_FEMALE;
  return TP_GENDER_UNKNOWN;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (key == NULL || *key == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
                   _("A key is required (for example “moscow” or “ceasefire”)"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_changed (TpStore     *self,
               const char  *what,
               const char  *key,
               GError     **error)
{
  if (sqlite3_changes (_tp_store_get_db (self)) > 0)
    return TRUE;
  g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
               _("There is no %s “%s” in the library"), what, key);
  return FALSE;
}

static gboolean
import_rows (TpStore    *self,
             TpLexicon  *lexicon,
             const char *op,
             GError    **error)
{
  GPtrArray *rows;

  rows = tp_lexicon_get_sides (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconSide *side = g_ptr_array_index (rows, i);

      if (!tp_store_save_side (self, side->key, side->name, side->color, side->order, error))
        return FALSE;
    }

  rows = tp_lexicon_get_actors (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (rows, i);

      if (!tp_store_save_actor (self, actor->key, actor->name, actor->side, actor->kind,
                                actor->role, error))
        return FALSE;
      /* Libraries stopped before schema 7 (the migration tests build
       * them) have no gender column; the upgrade fills it. */
      if (tp_store_get_schema_version (self) >= 7
          && !tp_store_set_actor_gender (self, actor->key, actor->gender, error))
        return FALSE;
    }

  rows = tp_lexicon_get_aliases (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconAlias *alias = g_ptr_array_index (rows, i);

      if (!tp_store_add_actor_alias (self, alias->actor, alias->language, alias->text,
                                     alias->role, alias->valid_from, alias->valid_until,
                                     error))
        return FALSE;
    }

  rows = tp_lexicon_get_topics (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconTopic *topic = g_ptr_array_index (rows, i);

      if (!tp_store_save_topic (self, topic->key, topic->name, error))
        return FALSE;
    }

  rows = tp_lexicon_get_topic_labels (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconTerm *term = g_ptr_array_index (rows, i);

      if (!exec_texts (self,
                       "INSERT INTO topic_label (topic, lang, label) "
                       "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM topic_label "
                       "  WHERE topic = ?1 AND lang IS ?2 AND label = ?3)",
                       op, error, 3, term->topic, term->language, term->text))
        return FALSE;
    }

  rows = tp_lexicon_get_topic_keywords (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconTerm *term = g_ptr_array_index (rows, i);

      if (!tp_store_add_topic_keyword (self, term->topic, term->language, term->text, error))
        return FALSE;
    }

  rows = tp_lexicon_get_cues (lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconCue *cue = g_ptr_array_index (rows, i);

      if (!tp_store_add_cue (self, cue->language, cue->text, cue->type, error))
        return FALSE;
    }

  return TRUE;
}

/* Private API */

gboolean
_tp_store_seed_lexicon (TpStore  *self,
                        GError  **error)
{
  const char *op = _("copy the default lexicon into the library");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  gboolean seeded;
  int rc;

  stmt = _tp_store_prepare (self, "SELECT 1 FROM meta WHERE key = 'lexicon_seeded'", op, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  seeded = rc == SQLITE_ROW;
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (seeded)
    return TRUE;

  /* Two programs creating the library at once may both get here; the
   * copy is idempotent (upserts, inserts that skip existing rows). */
  lexicon = tp_lexicon_new_default (error);
  if (lexicon == NULL)
    return FALSE;

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!import_rows (self, lexicon, op, error)
      || !exec_texts (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('lexicon_seeded', ?1)",
                      op, error, 1, PACKAGE_VERSION))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return _tp_store_commit (self, op, error);
}

gboolean
_tp_store_fill_actor_genders (TpStore  *self,
                              GError  **error)
{
  const char *op = _("upgrade the library");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  GPtrArray *actors;
  gboolean empty;
  int rc;

  /* A new library has no actors yet: the seeding writes their genders. */
  stmt = _tp_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM actor)", op, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  empty = sqlite3_column_int (stmt, 0) != 0;
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (empty)
    return TRUE;

  lexicon = tp_lexicon_new_default (error);
  if (lexicon == NULL)
    return FALSE;

  /* Only where the journalist's library has no gender yet, which right
   * after the column is added is everywhere. */
  actors = tp_lexicon_get_actors (lexicon);
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);
      const char *gender = gender_to_string (actor->gender);

      if (gender == NULL)
        continue;
      if (!exec_texts (self, "UPDATE actor SET gender = ?2 WHERE key = ?1 AND gender IS NULL",
                       op, error, 2, actor->key, gender))
        return FALSE;
    }
  return TRUE;
}

/* Public API */

/**
 * tp_store_load_lexicon:
 * @self: a store
 * @error: return location for a #GError
 *
 * Builds a lexicon from the library's tables, for the extractor and for
 * the preferences: sides in their order, actors with their gender and
 * aliases, topics
 * with their labels and keywords, and cues.
 *
 * Returns: (transfer full): the lexicon, or %NULL with @error set
 */
TpLexicon *
tp_store_load_lexicon (TpStore  *self,
                       GError  **error)
{
  const char *op = _("read the lexicon");
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  lexicon = tp_lexicon_new ();

#define READ_ROWS(sql, body) \
  G_STMT_START { \
    stmt = _tp_store_prepare (self, sql, op, error); \
    if (stmt == NULL) \
      return NULL; \
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) \
      { body; } \
    if (rc != SQLITE_DONE) \
      { \
        _tp_store_set_error (self, error, op); \
        return NULL; \
      } \
    g_clear_pointer (&stmt, _tp_store_stmt_release); \
  } G_STMT_END
#define COL(i) ((const char *) sqlite3_column_text (stmt, (i)))

  READ_ROWS ("SELECT key, name, color, position FROM side ORDER BY position, key",
             tp_lexicon_add_side (lexicon, COL (0), COL (1), COL (2),
                                  sqlite3_column_int (stmt, 3)));
  /* Before schema 7 every actor's gender is unknown. */
  READ_ROWS (tp_store_get_schema_version (self) >= 7
             ? "SELECT key, name, side, kind, role, gender FROM actor ORDER BY id"
             : "SELECT key, name, side, kind, role, NULL FROM actor ORDER BY id",
             {
               TpActorKind kind = TP_ACTOR_PERSON;

               tp_actor_kind_from_string (COL (3), &kind);
               tp_lexicon_add_actor (lexicon, COL (0), COL (1), COL (2), kind, COL (4));
               tp_lexicon_set_actor_gender (lexicon, COL (0), gender_from_string (COL (5)));
             });
  READ_ROWS ("SELECT a.key, al.lang, al.alias, al.role, al.valid_from, al.valid_until "
             "FROM actor_alias al JOIN actor a ON a.id = al.actor_id ORDER BY al.id",
             {
               if (sqlite3_column_int (stmt, 3))
                 tp_lexicon_add_role_alias (lexicon, COL (0), COL (1), COL (2), COL (4), COL (5));
               else
                 tp_lexicon_add_actor_alias (lexicon, COL (0), COL (1), COL (2));
             });
  READ_ROWS ("SELECT key, name FROM topic ORDER BY position, key",
             tp_lexicon_add_topic (lexicon, COL (0), COL (1)));
  READ_ROWS ("SELECT topic, lang, label FROM topic_label ORDER BY id",
             tp_lexicon_add_topic_label (lexicon, COL (0), COL (1), COL (2)));
  READ_ROWS ("SELECT topic, lang, keyword FROM topic_keyword ORDER BY id",
             tp_lexicon_add_topic_keyword (lexicon, COL (0), COL (1), COL (2)));
  READ_ROWS ("SELECT lang, cue, type FROM cue ORDER BY id",
             {
               TpCueType type = TP_CUE_VERB;

               tp_cue_type_from_string (COL (2), &type);
               tp_lexicon_add_cue (lexicon, COL (0), COL (1), type);
             });

#undef COL
#undef READ_ROWS

  return g_steal_pointer (&lexicon);
}

/**
 * tp_store_import_lexicon:
 * @self: a store
 * @lexicon: a lexicon
 * @error: return location for a #GError
 *
 * Adds every entry of @lexicon to the library's lexicon in one
 * transaction; entries with an existing key are updated, aliases, keywords
 * and cues already present are left alone.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_import_lexicon (TpStore    *self,
                         TpLexicon  *lexicon,
                         GError    **error)
{
  const char *op = _("import the lexicon");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (TP_IS_LEXICON (lexicon), FALSE);

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!import_rows (self, lexicon, op, error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return _tp_store_commit (self, op, error);
}

/**
 * tp_store_save_side:
 * @self: a store
 * @key: the side's key
 * @name: its display name
 * @color: (nullable): its CSS colour
 * @order: its position among the sides (columns of the comparison)
 * @error: return location for a #GError
 *
 * Adds a side, or updates the side with that key.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_save_side (TpStore     *self,
                    const char  *key,
                    const char  *name,
                    const char  *color,
                    int          order,
                    GError     **error)
{
  const char *op = _("save the side");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!check_key (key, error))
    return FALSE;
  stmt = _tp_store_prepare (self,
                            "INSERT INTO side (key, name, color, position) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
                            "  color = excluded.color, position = excluded.position",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, name != NULL ? name : key);
  bind_text (stmt, 3, color);
  sqlite3_bind_int (stmt, 4, order);
  return _tp_store_step_done (self, stmt, op, error);
}

/**
 * tp_store_delete_side:
 * @self: a store
 * @key: a side key
 * @error: return location for a #GError
 *
 * Deletes a side. Its actors and statements keep everything but the side.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_side (TpStore     *self,
                      const char  *key,
                      GError     **error)
{
  const char *op = _("delete the side");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!exec_texts (self, "DELETE FROM side WHERE key = ?1", op, error, 1, key)
      || !check_changed (self, _("side"), key, error)
      || !exec_texts (self, "UPDATE statement SET side = NULL WHERE side = ?1", op, error, 1, key))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return _tp_store_commit (self, op, error);
}

/**
 * tp_store_save_actor:
 * @self: a store
 * @key: the actor's key
 * @name: its display name
 * @side: (nullable): its side's key, or %NULL for an actor outside the sides
 * @kind: person, institution or country
 * @role: (nullable): a short description
 * @error: return location for a #GError
 *
 * Adds an actor, or updates the actor with that key. Its gender is set
 * apart, with tp_store_set_actor_gender(), and kept by an update.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_save_actor (TpStore      *self,
                     const char   *key,
                     const char   *name,
                     const char   *side,
                     TpActorKind   kind,
                     const char   *role,
                     GError      **error)
{
  const char *op = _("save the actor");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!check_key (key, error))
    return FALSE;
  stmt = _tp_store_prepare (self,
                            "INSERT INTO actor (key, name, side, kind, role) "
                            "VALUES (?1, ?2, ?3, ?4, ?5) "
                            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
                            "  side = excluded.side, kind = excluded.kind, role = excluded.role",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, name != NULL ? name : key);
  bind_text (stmt, 3, side);
  bind_text (stmt, 4, tp_actor_kind_to_string (kind));
  bind_text (stmt, 5, role);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_extended_errcode (_tp_store_get_db (self)) == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("There is no side “%s” in the library; add it first"), side);
  else
    _tp_store_set_error (self, error, op);
  return FALSE;
}

/**
 * tp_store_set_actor_gender:
 * @self: a store
 * @key: an actor key
 * @gender: whether "he"/"ông" or "she"/"bà" may name the actor
 * @error: return location for a #GError
 *
 * Sets the gender of an actor saved before; %TP_GENDER_UNKNOWN lets any
 * pronoun name it. tp_store_save_actor() leaves the gender as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_set_actor_gender (TpStore     *self,
                           const char  *key,
                           TpGender     gender,
                           GError     **error)
{
  const char *op = _("save the actor");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return exec_texts (self, "UPDATE actor SET gender = ?2 WHERE key = ?1",
                     op, error, 2, key, gender_to_string (gender))
         && check_changed (self, _("actor"), key, error);
}

/**
 * tp_store_delete_actor:
 * @self: a store
 * @key: an actor key
 * @error: return location for a #GError
 *
 * Deletes an actor and its aliases. Stored statements keep their actor.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_actor (TpStore     *self,
                       const char  *key,
                       GError     **error)
{
  const char *op = _("delete the actor");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return exec_texts (self, "DELETE FROM actor WHERE key = ?1", op, error, 1, key)
         && check_changed (self, _("actor"), key, error);
}

/**
 * tp_store_add_actor_alias:
 * @self: a store
 * @actor: an actor key
 * @language: (nullable): the alias's language, %NULL for any
 * @alias: the name as the press writes it
 * @role: whether it names whoever holds a role ("US Secretary of State")
 * @valid_from: (nullable): for role aliases, the first day it names @actor
 * @valid_until: (nullable): for role aliases, the first day it no longer does
 * @error: return location for a #GError
 *
 * Adds an alias; adding the same one twice is harmless.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_actor_alias (TpStore     *self,
                          const char  *actor,
                          const char  *language,
                          const char  *alias,
                          gboolean     role,
                          const char  *valid_from,
                          const char  *valid_until,
                          GError     **error)
{
  const char *op = _("save the alias");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (alias == NULL || *alias == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID, _("An alias cannot be empty"));
      return FALSE;
    }
  stmt = _tp_store_prepare (self,
                            "INSERT INTO actor_alias (actor_id, lang, alias, role, valid_from, "
                            "  valid_until) "
                            "SELECT a.id, ?2, ?3, ?4, ?5, ?6 FROM actor a WHERE a.key = ?1 "
                            "AND NOT EXISTS (SELECT 1 FROM actor_alias x WHERE x.actor_id = a.id "
                            "  AND x.lang IS ?2 AND x.alias = ?3 AND x.role = ?4 AND x.valid_from IS ?5 "
                            "  AND x.valid_until IS ?6)",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, actor);
  bind_text (stmt, 2, language);
  bind_text (stmt, 3, alias);
  sqlite3_bind_int (stmt, 4, role ? 1 : 0);
  bind_text (stmt, 5, valid_from);
  bind_text (stmt, 6, valid_until);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  if (sqlite3_changes (_tp_store_get_db (self)) == 0)
    {
      gint64 n = 0;

      stmt = _tp_store_prepare (self, "SELECT count(*) FROM actor WHERE key = ?1", op, error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, actor);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      if (n == 0)
        {
          g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                       _("There is no %s “%s” in the library"), _("actor"), actor);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tp_store_delete_actor_alias:
 * @self: a store
 * @actor: an actor key
 * @alias: one of its aliases (every language and date range)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_actor_alias (TpStore     *self,
                             const char  *actor,
                             const char  *alias,
                             GError     **error)
{
  const char *op = _("delete the alias");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && alias != NULL, FALSE);

  return exec_texts (self,
                     "DELETE FROM actor_alias WHERE alias = ?2 "
                     "AND actor_id = (SELECT id FROM actor WHERE key = ?1)",
                     op, error, 2, actor, alias)
         && check_changed (self, _("alias"), alias, error);
}

/**
 * tp_store_save_topic:
 * @self: a store
 * @key: the topic's key
 * @name: its display name
 * @error: return location for a #GError
 *
 * Adds a topic at the end of the list, or renames the topic with that key.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_save_topic (TpStore     *self,
                     const char  *key,
                     const char  *name,
                     GError     **error)
{
  const char *op = _("save the topic");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!check_key (key, error))
    return FALSE;
  return exec_texts (self,
                     "INSERT INTO topic (key, name, position) "
                     "VALUES (?1, ?2, (SELECT IFNULL (MAX (position), 0) + 1 FROM topic)) "
                     "ON CONFLICT (key) DO UPDATE SET name = excluded.name",
                     op, error, 2, key, name != NULL ? name : key);
}

/**
 * tp_store_delete_topic:
 * @self: a store
 * @key: a topic key
 * @error: return location for a #GError
 *
 * Deletes a topic with its keywords and removes it from every statement.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_topic (TpStore     *self,
                       const char  *key,
                       GError     **error)
{
  const char *op = _("delete the topic");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!exec_texts (self, "DELETE FROM topic WHERE key = ?1", op, error, 1, key)
      || !check_changed (self, _("topic"), key, error)
      || !exec_texts (self, "DELETE FROM statement_topic WHERE topic = ?1", op, error, 1, key))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return _tp_store_commit (self, op, error);
}

/**
 * tp_store_add_topic_keyword:
 * @self: a store
 * @topic: a topic key
 * @language: (nullable): the keyword's language, %NULL for any
 * @keyword: a word or phrase that marks the topic
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_topic_keyword (TpStore     *self,
                            const char  *topic,
                            const char  *language,
                            const char  *keyword,
                            GError     **error)
{
  const char *op = _("save the keyword");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  if (keyword == NULL || *keyword == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID, _("A keyword cannot be empty"));
      return FALSE;
    }
  stmt = _tp_store_prepare (self,
                            "INSERT INTO topic_keyword (topic, lang, keyword) "
                            "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM topic_keyword "
                            "  WHERE topic = ?1 AND lang IS ?2 AND keyword = ?3)",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, topic);
  bind_text (stmt, 2, language);
  bind_text (stmt, 3, keyword);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_extended_errcode (_tp_store_get_db (self)) == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("There is no %s “%s” in the library"), _("topic"), topic);
  else
    _tp_store_set_error (self, error, op);
  return FALSE;
}

/**
 * tp_store_delete_topic_keyword:
 * @self: a store
 * @topic: a topic key
 * @keyword: one of its keywords (every language)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_topic_keyword (TpStore     *self,
                               const char  *topic,
                               const char  *keyword,
                               GError     **error)
{
  const char *op = _("delete the keyword");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (topic != NULL && keyword != NULL, FALSE);

  return exec_texts (self, "DELETE FROM topic_keyword WHERE topic = ?1 AND keyword = ?2",
                     op, error, 2, topic, keyword)
         && check_changed (self, _("keyword"), keyword, error);
}

/**
 * tp_store_add_cue:
 * @self: a store
 * @language: (nullable): the cue's language, %NULL for any
 * @cue: a speech verb or frame ("cho biết", "according to")
 * @type: what kind of cue it is
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_cue (TpStore     *self,
                  const char  *language,
                  const char  *cue,
                  TpCueType    type,
                  GError     **error)
{
  const char *op = _("save the cue");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (cue == NULL || *cue == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID, _("A cue cannot be empty"));
      return FALSE;
    }
  return exec_texts (self,
                     "INSERT INTO cue (lang, cue, type) SELECT ?1, ?2, ?3 "
                     "WHERE NOT EXISTS (SELECT 1 FROM cue WHERE lang IS ?1 AND cue = ?2)",
                     op, error, 3, language, cue, tp_cue_type_to_string (type));
}

/**
 * tp_store_delete_cue:
 * @self: a store
 * @language: (nullable): the cue's language
 * @cue: the cue
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_cue (TpStore     *self,
                     const char  *language,
                     const char  *cue,
                     GError     **error)
{
  const char *op = _("delete the cue");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (cue != NULL, FALSE);

  return exec_texts (self, "DELETE FROM cue WHERE lang IS ?1 AND cue = ?2",
                     op, error, 2, language, cue)
         && check_changed (self, _("cue"), cue, error);
}
