/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-lexicon"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-fold.h"
#include "tp-lexicon.h"
#include "tp-lexicon-resources.h"

#define RESOURCE_BASE "/io/github/triptych/Triptych/lexicon/"

struct _TpLexicon
{
  GObject     parent_instance;

  GPtrArray  *sides;
  GPtrArray  *actors;
  GPtrArray  *aliases;
  GPtrArray  *topics;
  GPtrArray  *topic_labels;
  GPtrArray  *topic_keywords;
  GPtrArray  *cues;

  GHashTable *side_by_key;
  GHashTable *actor_by_key;
  GHashTable *topic_by_key;
};

G_DEFINE_TYPE (TpLexicon, tp_lexicon, G_TYPE_OBJECT)

G_DEFINE_QUARK (tp-lexicon-error-quark, tp_lexicon_error)

static const char *actor_kind_names[] = { "person", "institution", "country" };
static const char *cue_type_names[] = { "verb", "source", "frame", "not" };

/* Auxiliary methods */

static void
side_free (gpointer data)
{
  TpLexiconSide *side = data;

  g_free (side->key);
  g_free (side->name);
  g_free (side->color);
  g_free (side);
}

static void
actor_free (gpointer data)
{
  TpLexiconActor *actor = data;

  g_free (actor->key);
  g_free (actor->name);
  g_free (actor->side);
  g_free (actor->role);
  g_free (actor);
}

static void
alias_free (gpointer data)
{
  TpLexiconAlias *alias = data;

  g_free (alias->actor);
  g_free (alias->language);
  g_free (alias->text);
  g_free (alias->valid_from);
  g_free (alias->valid_until);
  g_free (alias);
}

static void
topic_free (gpointer data)
{
  TpLexiconTopic *topic = data;

  g_free (topic->key);
  g_free (topic->name);
  g_free (topic);
}

static void
term_free (gpointer data)
{
  TpLexiconTerm *term = data;

  g_free (term->topic);
  g_free (term->language);
  g_free (term->text);
  g_free (term);
}

static void
cue_free (gpointer data)
{
  TpLexiconCue *cue = data;

  g_free (cue->language);
  g_free (cue->text);
  g_free (cue);
}

static char *
dup_nonempty (const char *str)
{
  if (str == NULL || *str == '\0')
    return NULL;
  return g_strdup (str);
}

/* An ISO date or NULL; anything else is rejected so that the string
 * comparisons used for validity windows stay meaningful. */
static gboolean
valid_date_or_null (const char *date)
{
  if (date == NULL || *date == '\0')
    return TRUE;
  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  return TRUE;
}

static GKeyFile *
load_key_file (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data;

  /* Looked up in the lexicon's own resource rather than the global set:
   * referencing it keeps it linked into every program of the core. */
  bytes = g_resource_lookup_data (tp_lexicon_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, TP_LEXICON_ERROR, TP_LEXICON_ERROR_RESOURCE,
                   _("The built-in lexicon file “%s” is missing; reinstall Triptych"), name);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      g_set_error (error, TP_LEXICON_ERROR, TP_LEXICON_ERROR_PARSE,
                   _("The built-in lexicon file “%s” cannot be read: %s"),
                   name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&kf);
}

/* Languages whose localised keys ("aliases[vi]") the built-in files use;
 * each is asked for by name. */
static const char *file_languages[] = { "vi", "en", "ru", "uk" };

/* The values of @key for @language (NULL: the unlocalised key), without
 * GKeyFile's fallback from a missing localised key to the plain one. */
static char **
get_localized_list (GKeyFile   *kf,
                    const char *group,
                    const char *key,
                    const char *language)
{
  g_autofree char *found = NULL;

  if (language == NULL)
    return g_key_file_get_string_list (kf, group, key, NULL, NULL);
  found = g_key_file_get_locale_for_key (kf, group, key, language);
  if (g_strcmp0 (found, language) != 0)
    return NULL;
  return g_key_file_get_locale_string_list (kf, group, key, language, NULL, NULL);
}

typedef gboolean (*AddTermFunc) (TpLexicon  *self,
                                 const char *owner,
                                 const char *language,
                                 const char *text);

static gboolean
add_localized_lists (TpLexicon   *self,
                     GKeyFile    *kf,
                     const char  *group,
                     const char  *base,
                     AddTermFunc  add,
                     GError     **error)
{
  for (int i = -1; i < (int) G_N_ELEMENTS (file_languages); i++)
    {
      const char *language = i < 0 ? NULL : file_languages[i];
      g_auto(GStrv) values = get_localized_list (kf, group, base, language);

      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        {
          g_autofree char *text = g_strstrip (g_strdup (values[j]));

          if (*text == '\0')
            continue;
          if (!add (self, group, language, text))
            {
              g_set_error (error, TP_LEXICON_ERROR, TP_LEXICON_ERROR_INVALID,
                           _("The built-in lexicon entry “%s” is invalid"), group);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
load_sides (TpLexicon  *self,
            GError    **error)
{
  g_autoptr(GKeyFile) kf = load_key_file ("sides.ini", error);
  g_auto(GStrv) groups = NULL;

  if (kf == NULL)
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *name = g_key_file_get_string (kf, groups[i], "name", NULL);
      g_autofree char *color = g_key_file_get_string (kf, groups[i], "color", NULL);
      int order = g_key_file_get_integer (kf, groups[i], "order", NULL);

      tp_lexicon_add_side (self, groups[i], name ? name : groups[i], color, order);
    }
  return TRUE;
}

static gboolean
add_plain_alias (TpLexicon  *self,
                 const char *actor,
                 const char *language,
                 const char *text)
{
  return tp_lexicon_add_actor_alias (self, actor, language, text);
}

static gboolean
load_actors (TpLexicon  *self,
             GError    **error)
{
  g_autoptr(GKeyFile) kf = load_key_file ("actors.ini", error);
  g_auto(GStrv) groups = NULL;

  if (kf == NULL)
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *key = groups[i];
      g_autofree char *name = g_key_file_get_string (kf, key, "name", NULL);
      g_autofree char *side = g_key_file_get_string (kf, key, "side", NULL);
      g_autofree char *kind_str = g_key_file_get_string (kf, key, "kind", NULL);
      g_autofree char *role = g_key_file_get_string (kf, key, "role", NULL);
      g_autofree char *gender = g_key_file_get_string (kf, key, "gender", NULL);
      TpActorKind kind = TP_ACTOR_PERSON;

      if (name == NULL
          || (kind_str != NULL && !tp_actor_kind_from_string (kind_str, &kind))
          || (side != NULL && *side != '\0' && tp_lexicon_lookup_side (self, side) == NULL))
        {
          g_set_error (error, TP_LEXICON_ERROR, TP_LEXICON_ERROR_INVALID,
                       _("The built-in lexicon entry “%s” is invalid"), key);
          return FALSE;
        }
      tp_lexicon_add_actor (self, key, name, side, kind, role);
      if (g_strcmp0 (gender, "male") == 0)
        tp_lexicon_set_actor_gender (self, key, TP_GENDER_MALE);
      else if (g_strcmp0 (gender, "female") == 0)
        tp_lexicon_set_actor_gender (self, key, TP_GENDER_FEMALE);
      /* The display name is always an alias of its own. */
      tp_lexicon_add_actor_alias (self, key, NULL, name);
      if (!add_localized_lists (self, kf, key, "aliases", add_plain_alias, error))
        return FALSE;
    }
  return TRUE;
}

/* roles.ini: one group per role, its aliases per language and the holders
 * of the role as "actor@from..until" with either date left open. */
static gboolean
load_roles (TpLexicon  *self,
            GError    **error)
{
  g_autoptr(GKeyFile) kf = load_key_file ("roles.ini", error);
  g_auto(GStrv) groups = NULL;

  if (kf == NULL)
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) holders = g_key_file_get_string_list (kf, groups[i], "holders", NULL, NULL);

      for (guint h = 0; holders != NULL && holders[h] != NULL; h++)
        {
          g_autofree char *holder = g_strstrip (g_strdup (holders[h]));
          char *at = strchr (holder, '@');
          char *from = NULL;
          char *until = NULL;

          if (at != NULL)
            {
              char *dots;

              *at = '\0';
              from = at + 1;
              dots = strstr (from, "..");
              if (dots == NULL)
                goto invalid;
              *dots = '\0';
              until = dots + 2;
            }

          for (int k = -1; k < (int) G_N_ELEMENTS (file_languages); k++)
            {
              const char *language = k < 0 ? NULL : file_languages[k];
              g_auto(GStrv) values = get_localized_list (kf, groups[i], "aliases", language);

              for (guint v = 0; values != NULL && values[v] != NULL; v++)
                {
                  g_autofree char *text = g_strstrip (g_strdup (values[v]));

                  if (*text == '\0')
                    continue;
                  if (!tp_lexicon_add_role_alias (self, holder, language, text, from, until))
                    goto invalid;
                }
            }
        }
      continue;

    invalid:
      g_set_error (error, TP_LEXICON_ERROR, TP_LEXICON_ERROR_INVALID,
                   _("The built-in lexicon entry “%s” is invalid"), groups[i]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_label (TpLexicon  *self,
           const char *topic,
           const char *language,
           const char *text)
{
  /* The unlocalised name is the topic's own name, set with the topic. */
  if (language == NULL)
    return TRUE;
  return tp_lexicon_add_topic_label (self, topic, language, text);
}

static gboolean
add_keyword (TpLexicon  *self,
             const char *topic,
             const char *language,
             const char *text)
{
  return tp_lexicon_add_topic_keyword (self, topic, language, text);
}

static gboolean
load_topics (TpLexicon  *self,
             GError    **error)
{
  g_autoptr(GKeyFile) kf = load_key_file ("topics.ini", error);
  g_auto(GStrv) groups = NULL;

  if (kf == NULL)
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *name = g_key_file_get_string (kf, groups[i], "name", NULL);

      tp_lexicon_add_topic (self, groups[i], name ? name : groups[i]);
      if (!add_localized_lists (self, kf, groups[i], "name", add_label, error)
          || !add_localized_lists (self, kf, groups[i], "keywords", add_keyword, error))
        return FALSE;
    }
  return TRUE;
}

/* cues.ini: one group per language ("any" for cues of every language). */
static gboolean
load_cues (TpLexicon  *self,
           GError    **error)
{
  static const struct { const char *key; TpCueType type; } lists[] = {
    { "verbs", TP_CUE_VERB },
    { "sources", TP_CUE_SOURCE },
    { "frames", TP_CUE_FRAME },
    { "not", TP_CUE_NOT },
  };
  g_autoptr(GKeyFile) kf = load_key_file ("cues.ini", error);
  g_auto(GStrv) groups = NULL;

  if (kf == NULL)
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *language = g_str_equal (groups[i], "any") ? NULL : groups[i];

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          g_auto(GStrv) values = g_key_file_get_string_list (kf, groups[i], lists[l].key,
                                                             NULL, NULL);

          for (guint v = 0; values != NULL && values[v] != NULL; v++)
            {
              g_autofree char *text = g_strstrip (g_strdup (values[v]));

              if (*text != '\0')
                tp_lexicon_add_cue (self, language, text, lists[l].type);
            }
        }
    }
  return TRUE;
}

/* GObject overrides */

static void
tp_lexicon_finalize (GObject *object)
{
  TpLexicon *self = TP_LEXICON (object);

  g_clear_pointer (&self->side_by_key, g_hash_table_unref);
  g_clear_pointer (&self->actor_by_key, g_hash_table_unref);
  g_clear_pointer (&self->topic_by_key, g_hash_table_unref);
  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->topic_labels, g_ptr_array_unref);
  g_clear_pointer (&self->topic_keywords, g_ptr_array_unref);
  g_clear_pointer (&self->cues, g_ptr_array_unref);

  G_OBJECT_CLASS (tp_lexicon_parent_class)->finalize (object);
}

static void
tp_lexicon_class_init (TpLexiconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_lexicon_finalize;
}

static void
tp_lexicon_init (TpLexicon *self)
{
  self->sides = g_ptr_array_new_with_free_func (side_free);
  self->actors = g_ptr_array_new_with_free_func (actor_free);
  self->aliases = g_ptr_array_new_with_free_func (alias_free);
  self->topics = g_ptr_array_new_with_free_func (topic_free);
  self->topic_labels = g_ptr_array_new_with_free_func (term_free);
  self->topic_keywords = g_ptr_array_new_with_free_func (term_free);
  self->cues = g_ptr_array_new_with_free_func (cue_free);
  self->side_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->actor_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->topic_by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API */

/**
 * tp_lexicon_new:
 *
 * Returns: (transfer full): an empty lexicon, to be filled with the
 *   tp_lexicon_add_*() functions
 */
TpLexicon *
tp_lexicon_new (void)
{
  return g_object_new (TP_TYPE_LEXICON, NULL);
}

/**
 * tp_lexicon_new_default:
 * @error: return location for a #GError
 *
 * Loads the lexicon compiled into Triptych from data/lexicon/.
 *
 * Returns: (transfer full) (nullable): the default lexicon, or %NULL with
 *   @error set if the built-in data is damaged
 */
TpLexicon *
tp_lexicon_new_default (GError **error)
{
  g_autoptr(TpLexicon) self = tp_lexicon_new ();

  if (!load_sides (self, error)
      || !load_actors (self, error)
      || !load_roles (self, error)
      || !load_topics (self, error)
      || !load_cues (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
tp_lexicon_add_side (TpLexicon  *self,
                     const char *key,
                     const char *name,
                     const char *color,
                     int         order)
{
  TpLexiconSide *side;

  g_return_if_fail (TP_IS_LEXICON (self));
  g_return_if_fail (key != NULL && *key != '\0');

  side = g_hash_table_lookup (self->side_by_key, key);
  if (side == NULL)
    {
      side = g_new0 (TpLexiconSide, 1);
      side->key = g_strdup (key);
      g_ptr_array_add (self->sides, side);
      g_hash_table_insert (self->side_by_key, side->key, side);
    }
  g_free (side->name);
  side->name = g_strdup (name ? name : key);
  g_free (side->color);
  side->color = dup_nonempty (color);
  side->order = order;
}

void
tp_lexicon_add_actor (TpLexicon   *self,
                      const char  *key,
                      const char  *name,
                      const char  *side,
                      TpActorKind  kind,
                      const char  *role)
{
  TpLexiconActor *actor;

  g_return_if_fail (TP_IS_LEXICON (self));
  g_return_if_fail (key != NULL && *key != '\0');

  actor = g_hash_table_lookup (self->actor_by_key, key);
  if (actor == NULL)
    {
      actor = g_new0 (TpLexiconActor, 1);
      actor->key = g_strdup (key);
      g_ptr_array_add (self->actors, actor);
      g_hash_table_insert (self->actor_by_key, actor->key, actor);
    }
  g_free (actor->name);
  actor->name = g_strdup (name ? name : key);
  g_free (actor->side);
  actor->side = dup_nonempty (side);
  actor->kind = kind;
  g_free (actor->role);
  actor->role = dup_nonempty (role);
}

/**
 * tp_lexicon_set_actor_gender:
 * @self: a #TpLexicon
 * @key: the key of an actor added before
 * @gender: whether "he" or "she" may refer to the actor
 *
 * Pronouns are resolved to the last speaker they fit: "she" never names
 * an actor known to be a man.
 */
void
tp_lexicon_set_actor_gender (TpLexicon  *self,
                             const char *key,
                             TpGender    gender)
{
  TpLexiconActor *actor;

  g_return_if_fail (TP_IS_LEXICON (self));
  g_return_if_fail (key != NULL);

  actor = g_hash_table_lookup (self->actor_by_key, key);
  g_return_if_fail (actor != NULL);
  actor->gender = gender;
}

static gboolean
add_alias (TpLexicon  *self,
           const char *actor,
           const char *language,
           const char *text,
           gboolean    role,
           const char *valid_from,
           const char *valid_until)
{
  TpLexiconAlias *alias;

  if (g_hash_table_lookup (self->actor_by_key, actor) == NULL)
    return FALSE;
  if (!valid_date_or_null (valid_from) || !valid_date_or_null (valid_until))
    return FALSE;
  if (*text == '\0')
    return FALSE;

  alias = g_new0 (TpLexiconAlias, 1);
  alias->actor = g_strdup (actor);
  alias->language = dup_nonempty (language);
  alias->text = g_strdup (text);
  alias->role = role;
  alias->valid_from = dup_nonempty (valid_from);
  alias->valid_until = dup_nonempty (valid_until);
  g_ptr_array_add (self->aliases, alias);
  return TRUE;
}

/**
 * tp_lexicon_add_actor_alias:
 * @self: a #TpLexicon
 * @actor: the key of an actor already added
 * @language: (nullable): language of the alias, or %NULL for any
 * @alias: the alias as written ("Peskov", "Điện Kremlin")
 *
 * Returns: %FALSE if @actor is unknown
 */
gboolean
tp_lexicon_add_actor_alias (TpLexicon  *self,
                            const char *actor,
                            const char *language,
                            const char *alias)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  return add_alias (self, actor, language, alias, FALSE, NULL, NULL);
}

/**
 * tp_lexicon_add_role_alias:
 * @self: a #TpLexicon
 * @actor: the key of an actor already added
 * @language: (nullable): language of the alias, or %NULL for any
 * @alias: the role as written ("Tổng thống Mỹ", "US Secretary of State")
 * @valid_from: (nullable): first ISO date the role names @actor
 * @valid_until: (nullable): first ISO date it no longer does
 *
 * Returns: %FALSE if @actor is unknown or a date is not an ISO date
 */
gboolean
tp_lexicon_add_role_alias (TpLexicon  *self,
                           const char *actor,
                           const char *language,
                           const char *alias,
                           const char *valid_from,
                           const char *valid_until)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  return add_alias (self, actor, language, alias, TRUE, valid_from, valid_until);
}

void
tp_lexicon_add_topic (TpLexicon  *self,
                      const char *key,
                      const char *name)
{
  TpLexiconTopic *topic;

  g_return_if_fail (TP_IS_LEXICON (self));
  g_return_if_fail (key != NULL && *key != '\0');

  topic = g_hash_table_lookup (self->topic_by_key, key);
  if (topic == NULL)
    {
      topic = g_new0 (TpLexiconTopic, 1);
      topic->key = g_strdup (key);
      g_ptr_array_add (self->topics, topic);
      g_hash_table_insert (self->topic_by_key, topic->key, topic);
    }
  g_free (topic->name);
  topic->name = g_strdup (name ? name : key);
}

static gboolean
add_term (TpLexicon  *self,
          GPtrArray  *terms,
          const char *topic,
          const char *language,
          const char *text)
{
  TpLexiconTerm *term;

  if (g_hash_table_lookup (self->topic_by_key, topic) == NULL || *text == '\0')
    return FALSE;
  term = g_new0 (TpLexiconTerm, 1);
  term->topic = g_strdup (topic);
  term->language = dup_nonempty (language);
  term->text = g_strdup (text);
  g_ptr_array_add (terms, term);
  return TRUE;
}

/**
 * tp_lexicon_add_topic_label:
 * @self: a #TpLexicon
 * @topic: the key of a topic already added
 * @language: (nullable): the label's language
 * @label: the topic's name in that language
 *
 * Returns: %FALSE if @topic is unknown
 */
gboolean
tp_lexicon_add_topic_label (TpLexicon  *self,
                            const char *topic,
                            const char *language,
                            const char *label)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (topic != NULL && label != NULL, FALSE);

  return add_term (self, self->topic_labels, topic, language, label);
}

/**
 * tp_lexicon_add_topic_keyword:
 * @self: a #TpLexicon
 * @topic: the key of a topic already added
 * @language: (nullable): the keyword's language, or %NULL for any
 * @keyword: a word or phrase; matched folded, at word boundaries, and as a
 *   word prefix when it ends with "*"
 *
 * Returns: %FALSE if @topic is unknown
 */
gboolean
tp_lexicon_add_topic_keyword (TpLexicon  *self,
                              const char *topic,
                              const char *language,
                              const char *keyword)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (topic != NULL && keyword != NULL, FALSE);

  return add_term (self, self->topic_keywords, topic, language, keyword);
}

void
tp_lexicon_add_cue (TpLexicon  *self,
                    const char *language,
                    const char *cue,
                    TpCueType   type)
{
  TpLexiconCue *entry;

  g_return_if_fail (TP_IS_LEXICON (self));
  g_return_if_fail (cue != NULL && *cue != '\0');
  g_return_if_fail (type <= TP_CUE_NOT);

  entry = g_new0 (TpLexiconCue, 1);
  entry->language = dup_nonempty (language);
  entry->text = g_strdup (cue);
  entry->type = type;
  g_ptr_array_add (self->cues, entry);
}

/**
 * tp_lexicon_get_sides:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconSide): the sides
 */
GPtrArray *
tp_lexicon_get_sides (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->sides;
}

/**
 * tp_lexicon_get_actors:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconActor): the actors
 */
GPtrArray *
tp_lexicon_get_actors (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->actors;
}

/**
 * tp_lexicon_get_aliases:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconAlias): plain and role
 *   aliases of every actor
 */
GPtrArray *
tp_lexicon_get_aliases (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->aliases;
}

/**
 * tp_lexicon_get_topics:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconTopic): the topics
 */
GPtrArray *
tp_lexicon_get_topics (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->topics;
}

/**
 * tp_lexicon_get_topic_labels:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconTerm): localised topic names
 */
GPtrArray *
tp_lexicon_get_topic_labels (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->topic_labels;
}

/**
 * tp_lexicon_get_topic_keywords:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconTerm): topic keywords
 */
GPtrArray *
tp_lexicon_get_topic_keywords (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->topic_keywords;
}

/**
 * tp_lexicon_get_cues:
 * @self: a #TpLexicon
 *
 * Returns: (transfer none) (element-type TpLexiconCue): speech cues
 */
GPtrArray *
tp_lexicon_get_cues (TpLexicon *self)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  return self->cues;
}

const TpLexiconSide *
tp_lexicon_lookup_side (TpLexicon  *self,
                        const char *key)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->side_by_key, key);
}

const TpLexiconActor *
tp_lexicon_lookup_actor (TpLexicon  *self,
                         const char *key)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->actor_by_key, key);
}

const TpLexiconTopic *
tp_lexicon_lookup_topic (TpLexicon  *self,
                         const char *key)
{
  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->topic_by_key, key);
}

/* Dates compare as strings because both are ISO dates. */
static gboolean
alias_valid_on (const TpLexiconAlias *alias,
                const char           *date)
{
  if (alias->valid_from != NULL && strncmp (date, alias->valid_from, 10) < 0)
    return FALSE;
  if (alias->valid_until != NULL && strncmp (date, alias->valid_until, 10) >= 0)
    return FALSE;
  return TRUE;
}

/**
 * tp_lexicon_resolve_alias:
 * @self: a #TpLexicon
 * @alias: a name or role as written
 * @date: (nullable): the ISO date the alias was written, or %NULL for today
 *
 * Returns: (transfer none) (nullable): the actor @alias names on @date
 */
const TpLexiconActor *
tp_lexicon_resolve_alias (TpLexicon  *self,
                          const char *alias,
                          const char *date)
{
  g_autofree char *folded = NULL;
  g_autofree char *today = NULL;
  const TpLexiconAlias *role_match = NULL;

  g_return_val_if_fail (TP_IS_LEXICON (self), NULL);
  g_return_val_if_fail (alias != NULL, NULL);

  if (date == NULL || strlen (date) < 10)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      today = g_date_time_format (now, "%Y-%m-%d");
      date = today;
    }

  folded = tp_fold_string (alias, -1);
  for (guint i = 0; i < self->aliases->len; i++)
    {
      const TpLexiconAlias *a = g_ptr_array_index (self->aliases, i);
      g_autofree char *fa = NULL;

      if (a->role && role_match != NULL)
        continue;
      fa = tp_fold_string (a->text, -1);
      if (!g_str_equal (fa, folded))
        continue;
      if (!a->role)
        return g_hash_table_lookup (self->actor_by_key, a->actor);
      if (alias_valid_on (a, date))
        role_match = a;
    }
  if (role_match != NULL)
    return g_hash_table_lookup (self->actor_by_key, role_match->actor);
  return NULL;
}

const char *
tp_actor_kind_to_string (TpActorKind kind)
{
  g_return_val_if_fail (kind <= TP_ACTOR_COUNTRY, NULL);
  return actor_kind_names[kind];
}

gboolean
tp_actor_kind_from_string (const char  *str,
                           TpActorKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (actor_kind_names); i++)
    if (g_str_equal (str, actor_kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tp_cue_type_to_string (TpCueType type)
{
  g_return_val_if_fail (type <= TP_CUE_NOT, NULL);
  return cue_type_names[type];
}

gboolean
tp_cue_type_from_string (const char *str,
                         TpCueType  *type)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (cue_type_names); i++)
    if (g_str_equal (str, cue_type_names[i]))
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}
