/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-html-article"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "tp-html-article-private.h"
#include "tp-json-private.h"
#include "tp-language-private.h"
#include "tp-source.h"
#include "tp-text-article-private.h"

/*
 * Main-content extraction the way reader modes do it: paragraphs vote for
 * the blocks that contain them, weighted by length and commas; class and id
 * names, link density and a few structural rules decide what surrounds the
 * article text and what is page furniture. When a strict pass finds too
 * little text, looser passes are tried.
 */

/* Shortest text a pass must find before looser passes are skipped. */
#define ENOUGH_TEXT 500
/* Guard for the tree walks; libxml2 itself stops nesting at 256. */
#define MAX_DEPTH 1024

typedef enum
{
  FLAG_STRIP_UNLIKELY      = 1 << 0,
  FLAG_WEIGHT_CLASSES      = 1 << 1,
  FLAG_CLEAN_CONDITIONALLY = 1 << 2,
} ExtractFlags;

typedef struct
{
  double   score;
  guint    text_len;
  guint    link_len;
  guint    commas;
  guint    has_block : 1;
  guint    scored : 1;
} NodeData;

typedef struct
{
  GHashTable *meta;
  char       *html_lang;
  char       *title_tag;
  char       *canonical;
  char       *time_datetime;
  char       *byline;
  guint       n_h1;
  char       *h1_text;
  GPtrArray  *headings;     /* h1 and h2 texts, to keep a title with a colon */
  char       *ld_name;
  char       *ld_headline;
  char       *ld_author;
  char       *ld_published;
  char       *ld_publisher;
  char       *ld_language;
  char       *ld_url;
} Metadata;

typedef struct
{
  GPtrArray *paragraphs;
  GPtrArray *captions;
  char      *byline;
  gsize      text_len;
} Extraction;

/* Substrings of class and id values. */
static const char * const unlikely_names[] = {
  "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
  "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
  "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
  "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
  "yom-remote", "newsletter", "subscribe", "cookie", "share-bar", "sharing",
};
static const char * const maybe_names[] = {
  "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
};
static const char * const positive_names[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
  "pagination", "post", "text", "blog", "story", "detail", "noidung",
};
static const char * const negative_names[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
  "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
  "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
};
static const char * const byline_names[] = {
  "byline", "author", "dateline", "writtenby", "p-author",
};

/* Auxiliary methods */

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
tag_is (xmlNode    *node,
        const char *tag)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, tag) == 0;
}

static gboolean
tag_in (xmlNode            *node,
        const char * const *tags)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  for (guint i = 0; tags[i]; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, tags[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
class_and_id (xmlNode *node)
{
  g_autofree char *klass = get_attr (node, "class");
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *joined = NULL;

  if (klass == NULL && id == NULL)
    return NULL;
  joined = g_strjoin (" ", klass ? klass : "", id ? id : "", NULL);
  return g_ascii_strdown (joined, -1);
}

static gboolean
matches_any (const char         *haystack,
             const char * const *needles,
             guint               n)
{
  if (haystack == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

#define MATCHES(s, list) matches_any ((s), (list), G_N_ELEMENTS (list))

/* Next node in document order; with @descend FALSE the subtree of @node is
 * skipped. Stops at the end of @root's subtree. */
static xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  descend)
{
  if (descend && node->children != NULL && node->type == XML_ELEMENT_NODE)
    return node->children;
  while (node != NULL && node != root && node->next == NULL)
    node = node->parent;
  if (node == NULL || node == root)
    return NULL;
  return node->next;
}

static guint
node_depth (xmlNode *node)
{
  guint depth = 0;

  for (; node != NULL; node = node->parent)
    depth++;
  return depth;
}

static gboolean
has_ancestor_tag (xmlNode    *node,
                  const char *tag,
                  guint       max_levels)
{
  guint level = 0;

  for (node = node->parent; node != NULL; node = node->parent, level++)
    {
      if (max_levels > 0 && level >= max_levels)
        return FALSE;
      if (tag_is (node, tag))
        return TRUE;
    }
  return FALSE;
}

/* All the text under @node, whitespace collapsed. */
static char *
inner_text (xmlNode *node)
{
  GString *raw = g_string_new (NULL);
  char *clean;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    g_string_append (raw, (const char *) node->content);
  else
    for (xmlNode *n = node->children; n != NULL; n = next_node (n, node, TRUE))
      {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
          {
            if (n->content)
              g_string_append (raw, (const char *) n->content);
          }
        else if (tag_is (n, "br"))
          g_string_append_c (raw, ' ');
      }
  clean = _tp_text_clean_line (raw->str, raw->len);
  g_string_free (raw, TRUE);
  return clean;
}

static gboolean
is_comma (gunichar c)
{
  return c == ',' || c == 0x060c || c == 0xfe50 || c == 0xfe10 || c == 0xfe11 ||
         c == 0x2e41 || c == 0x2e34 || c == 0x2e32 || c == 0xff0c || c == 0x3001;
}

static void
remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static NodeData *
node_data (xmlNode *node)
{
  return node ? node->_private : NULL;
}

static int
class_weight (xmlNode      *node,
              ExtractFlags  flags)
{
  g_autofree char *klass = NULL;
  g_autofree char *id = NULL;
  int weight = 0;

  if (!(flags & FLAG_WEIGHT_CLASSES))
    return 0;
  klass = get_attr (node, "class");
  id = get_attr (node, "id");
  if (klass != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (klass, -1);

      if (MATCHES (lower, negative_names))
        weight -= 25;
      if (MATCHES (lower, positive_names))
        weight += 25;
    }
  if (id != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);

      if (MATCHES (lower, negative_names))
        weight -= 25;
      if (MATCHES (lower, positive_names))
        weight += 25;
    }
  return weight;
}

static double
link_density (xmlNode *node)
{
  NodeData *data = node_data (node);

  if (data == NULL || data->text_len == 0)
    return 0;
  return (double) data->link_len / data->text_len;
}

/* Metadata */

static void
metadata_clear (Metadata *md)
{
  g_clear_pointer (&md->meta, g_hash_table_unref);
  g_clear_pointer (&md->headings, g_ptr_array_unref);
  g_free (md->html_lang);
  g_free (md->title_tag);
  g_free (md->canonical);
  g_free (md->time_datetime);
  g_free (md->byline);
  g_free (md->h1_text);
  g_free (md->ld_name);
  g_free (md->ld_headline);
  g_free (md->ld_author);
  g_free (md->ld_published);
  g_free (md->ld_publisher);
  g_free (md->ld_language);
  g_free (md->ld_url);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Metadata, metadata_clear)

static char *
json_string_member (JsonObject *obj,
                    const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return _tp_text_clean_line (json_node_get_string (node), -1);
  return NULL;
}

/* "author": "Jane", {"name": "Jane"} or a list of either. */
static char *
json_names (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return _tp_text_clean_line (json_node_get_string (node), -1);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_string_member (json_node_get_object (node), "name");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < json_array_get_length (array) && i < 10; i++)
        {
          char *name = json_names (json_array_get_element (array, i));

          if (name != NULL && *name)
            g_ptr_array_add (names, name);
          else
            g_free (name);
        }
      if (names->len == 0)
        return NULL;
      g_ptr_array_add (names, NULL);
      return g_strjoinv (", ", (char **) names->pdata);
    }
  return NULL;
}

static gboolean
is_article_type (JsonObject *obj)
{
  JsonNode *type;
  static const char * const kinds[] = {
    "Article", "BlogPosting", "Posting", "Report", "APIReference",
  };

  if (!json_object_has_member (obj, "@type"))
    return FALSE;
  type = json_object_get_member (obj, "@type");
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return MATCHES (json_node_get_string (type), kinds);
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING &&
              MATCHES (json_node_get_string (el), kinds))
            return TRUE;
        }
    }
  return FALSE;
}

static JsonObject *
find_article_object (JsonNode *node,
                     guint     depth)
{
  if (node == NULL || depth > 4)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_article_object (json_array_get_element (array, i), depth + 1);

          if (found)
            return found;
        }
      return NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);

      if (is_article_type (obj))
        return obj;
      if (json_object_has_member (obj, "@graph"))
        return find_article_object (json_object_get_member (obj, "@graph"), depth + 1);
    }
  return NULL;
}

static void
keep_first (char **slot,
            char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

static void
read_json_ld (Metadata   *md,
              const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *copy = g_strstrip (g_strdup (text));
  JsonObject *obj;
  char *start = copy;

  if (md->ld_name != NULL || md->ld_headline != NULL)
    return;
  if (g_str_has_prefix (start, "<![CDATA["))
    start += strlen ("<![CDATA[");
  if (g_str_has_suffix (start, "]]>"))
    start[strlen (start) - 3] = '\0';
  if (!_tp_json_parser_load_one (parser, start, -1, TRUE, NULL))
    return;
  obj = find_article_object (json_parser_get_root (parser), 0);
  if (obj == NULL)
    return;

  /* A page may carry several JSON-LD blocks; the first to name a field
   * keeps it. */
  keep_first (&md->ld_name, json_string_member (obj, "name"));
  keep_first (&md->ld_headline, json_string_member (obj, "headline"));
  if (json_object_has_member (obj, "author"))
    keep_first (&md->ld_author, json_names (json_object_get_member (obj, "author")));
  keep_first (&md->ld_published, json_string_member (obj, "datePublished"));
  if (json_object_has_member (obj, "publisher"))
    keep_first (&md->ld_publisher, json_names (json_object_get_member (obj, "publisher")));
  keep_first (&md->ld_language, json_string_member (obj, "inLanguage"));
  keep_first (&md->ld_url, json_string_member (obj, "url"));
}

/* Meta names are compared lower-case, without spaces, "dc.title" as
 * "dc:title". */
static char *
meta_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      g_string_append_c (key, *p == '.' ? ':' : g_ascii_tolower (*p));
    }
  return g_string_free (key, FALSE);
}

static void
read_metadata (Metadata *md,
               xmlDoc   *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  md->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  md->headings = g_ptr_array_new_with_free_func (g_free);
  if (root == NULL)
    return;
  md->html_lang = get_attr (root, "lang");
  if (md->html_lang == NULL)
    md->html_lang = get_attr (root, "xml:lang");

  for (xmlNode *n = root; n != NULL; n = next_node (n, root, TRUE))
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (tag_is (n, "title") && md->title_tag == NULL && !has_ancestor_tag (n, "svg", 0))
        md->title_tag = inner_text (n);
      else if (tag_is (n, "meta"))
        {
          g_autofree char *content = get_attr (n, "content");
          g_autofree char *property = get_attr (n, "property");
          g_autofree char *name = get_attr (n, "name");
          g_autofree char *itemprop = get_attr (n, "itemprop");
          g_autofree char *equiv = get_attr (n, "http-equiv");
          const char *keys[] = { property, name, itemprop, equiv };

          if (content == NULL)
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
            {
              g_auto(GStrv) parts = NULL;

              if (keys[i] == NULL)
                continue;
              /* property="og:title twitter:title" names several keys */
              parts = g_strsplit_set (keys[i], " ", -1);
              for (guint j = 0; parts[j]; j++)
                {
                  char *key;

                  if (*parts[j] == '\0')
                    continue;
                  /* Later declarations win, as in browsers' reader modes. */
                  key = meta_key (parts[j]);
                  g_hash_table_replace (md->meta, key, _tp_text_clean_line (content, -1));
                }
            }
        }
      else if (tag_is (n, "link") && md->canonical == NULL)
        {
          g_autofree char *rel = get_attr (n, "rel");

          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            md->canonical = get_attr (n, "href");
        }
      else if (tag_is (n, "script"))
        {
          g_autofree char *type = get_attr (n, "type");

          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            {
              xmlChar *content = xmlNodeGetContent (n);

              if (content != NULL)
                read_json_ld (md, (const char *) content);
              xmlFree (content);
            }
        }
      else if (tag_is (n, "time"))
        {
          g_autofree char *datetime = get_attr (n, "datetime");
          g_autofree char *pubdate = get_attr (n, "pubdate");
          g_autofree char *itemprop = get_attr (n, "itemprop");

          if (datetime != NULL &&
              (md->time_datetime == NULL || pubdate != NULL ||
               g_strcmp0 (itemprop, "datePublished") == 0))
            {
              g_free (md->time_datetime);
              md->time_datetime = g_steal_pointer (&datetime);
            }
        }
      else if (tag_is (n, "h1") || tag_is (n, "h2"))
        {
          char *text = inner_text (n);

          if (tag_is (n, "h1"))
            {
              md->n_h1++;
              if (md->h1_text == NULL)
                md->h1_text = g_strdup (text);
            }
          g_ptr_array_add (md->headings, text);
        }
    }
}

static const char *
meta_get (Metadata   *md,
          const char *key)
{
  const char *value = g_hash_table_lookup (md->meta, key);

  return value != NULL && *value ? value : NULL;
}

static guint
word_count (const char *s)
{
  g_auto(GStrv) words = g_strsplit_set (s, " \t\n", -1);
  guint n = 0;

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      n++;
  return n;
}

static gboolean
is_title_separator (gunichar c)
{
  return c == '|' || c == '-' || c == 0x2013 || c == 0x2014 || c == '\\' || c == '/' ||
         c == '>' || c == 0x00bb;
}

/* Cuts a site name off a page's <title>: "Headline | Section | Site" keeps
 * "Headline | Section"; a title too short once cut is kept whole. */
static char *
clean_title_tag (Metadata *md)
{
  g_autofree char *orig = _tp_text_clean_line (md->title_tag, -1);
  g_autofree char *cur = NULL;
  const char *first_sep = NULL, *last_sep = NULL;
  gboolean hierarchical = FALSE;
  guint separators = 0;

  /* separators stand between spaces: " | " */
  for (const char *p = orig; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (p > orig && p[-1] == ' ' && *next == ' ' && is_title_separator (c))
        {
          if (first_sep == NULL)
            first_sep = p;
          last_sep = p;
          separators++;
          if (c == '\\' || c == '/' || c == '>' || c == 0x00bb)
            hierarchical = TRUE;
        }
    }

  if (last_sep != NULL)
    {
      cur = g_strstrip (g_strndup (orig, last_sep - orig));
      if (word_count (cur) < 3)
        {
          g_free (cur);
          cur = g_strstrip (g_strdup (g_utf8_next_char (first_sep)));
        }
    }
  else if (strstr (orig, ": ") != NULL)
    {
      gboolean in_heading = FALSE;

      for (guint i = 0; i < md->headings->len; i++)
        if (g_strcmp0 (g_ptr_array_index (md->headings, i), orig) == 0)
          in_heading = TRUE;
      if (in_heading)
        cur = g_strdup (orig);
      else
        {
          const char *last_colon = g_strrstr (orig, ":");
          const char *first_colon = strchr (orig, ':');

          cur = g_strstrip (g_strdup (last_colon + 1));
          if (word_count (cur) < 3)
            {
              g_free (cur);
              cur = g_strstrip (g_strdup (first_colon + 1));
            }
          else
            {
              g_autofree char *before = g_strndup (orig, first_colon - orig);

              if (word_count (before) > 5)
                {
                  g_free (cur);
                  cur = g_strdup (orig);
                }
            }
        }
    }
  else
    {
      glong chars = g_utf8_strlen (orig, -1);

      if ((chars > 150 || chars < 15) && md->n_h1 == 1 && md->h1_text && *md->h1_text)
        cur = g_strdup (md->h1_text);
      else
        cur = g_strdup (orig);
    }

  if (word_count (cur) <= 4)
    {
      guint orig_words = word_count (orig) - separators;

      if (!hierarchical || word_count (cur) != orig_words - 1)
        {
          g_free (cur);
          cur = g_strdup (orig);
        }
    }
  return g_steal_pointer (&cur);
}

/* Similarity of two titles as the share of the second's words missing
 * from the first, as a distance turned into a ratio. */
static double
title_similarity (const char *a,
                  const char *b)
{
  g_autofree char *la = g_utf8_strdown (a, -1);
  g_autofree char *lb = g_utf8_strdown (b, -1);
  g_auto(GStrv) wa = g_strsplit_set (la, " \t,.:;!?|-", -1);
  g_auto(GStrv) wb = g_strsplit_set (lb, " \t,.:;!?|-", -1);
  gsize total = 0, missing = 0;

  for (guint i = 0; wb[i]; i++)
    {
      gboolean found = FALSE;

      if (*wb[i] == '\0')
        continue;
      total += strlen (wb[i]) + 1;
      for (guint j = 0; wa[j] && !found; j++)
        found = g_str_equal (wa[j], wb[i]);
      if (!found)
        missing += strlen (wb[i]) + 1;
    }
  if (total == 0)
    return 0;
  return 1.0 - (double) missing / total;
}

static char *
choose_title (Metadata *md)
{
  static const char * const keys[] = {
    "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
    "title", "twitter:title", "parsely-title",
  };

  if (md->ld_name != NULL && md->ld_headline != NULL &&
      g_strcmp0 (md->ld_name, md->ld_headline) != 0 && md->title_tag != NULL)
    {
      /* Some sites put their own name in "name": prefer the one that
       * resembles the page title. */
      g_autofree char *page = clean_title_tag (md);
      gboolean name_ok = title_similarity (md->ld_name, page) > 0.75;
      gboolean headline_ok = title_similarity (md->ld_headline, page) > 0.75;

      return g_strdup (headline_ok && !name_ok ? md->ld_headline : md->ld_name);
    }
  if (md->ld_name != NULL && *md->ld_name)
    return g_strdup (md->ld_name);
  if (md->ld_headline != NULL && *md->ld_headline)
    return g_strdup (md->ld_headline);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (meta_get (md, keys[i]) != NULL)
      return g_strdup (meta_get (md, keys[i]));
  if (md->title_tag != NULL && *md->title_tag)
    return clean_title_tag (md);
  if (md->h1_text != NULL && *md->h1_text)
    return g_strdup (md->h1_text);
  return NULL;
}

/* "Headline - Site Name" loses the suffix when it names the site. */
static void
strip_site_suffix (char       *title,
                   const char *site)
{
  g_autofree char *site_fold = NULL;
  const char *best = NULL;

  if (title == NULL || site == NULL || *site == '\0')
    return;
  site_fold = g_utf8_casefold (site, -1);
  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p > title && p[-1] == ' ' && is_title_separator (c) &&
          *g_utf8_next_char (p) == ' ')
        best = p;
    }
  if (best != NULL)
    {
      g_autofree char *tail = g_strstrip (g_strdup (g_utf8_next_char (best)));
      g_autofree char *tail_fold = g_utf8_casefold (tail, -1);

      if (g_str_equal (tail_fold, site_fold))
        {
          char *end = (char *) best;

          while (end > title && end[-1] == ' ')
            end--;
          *end = '\0';
        }
    }
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;
  if (g_str_has_prefix (host, "www."))
    host += 4;
  return g_strdup (host);
}

static char *
resolve_url (const char *base,
             const char *ref)
{
  g_autoptr(GUri) uri = NULL;

  if (ref == NULL || *ref == '\0')
    return NULL;
  if (base != NULL)
    {
      g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

      if (base_uri != NULL)
        uri = g_uri_parse_relative (base_uri, ref, G_URI_FLAGS_NONE, NULL);
    }
  if (uri == NULL)
    uri = g_uri_parse (ref, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    return NULL;
  /* A web link needs a host; GLib also refuses to write out a host with a
   * path not starting "/" or a host-less path starting "//", which a
   * <base href="http:/x"> and a link "..//y" would otherwise produce. */
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_uri_get_path (uri)[0] != '\0' && g_uri_get_path (uri)[0] != '/'))
    return NULL;
  return g_uri_to_string (uri);
}

/* Keeps ISO 8601 dates and date-times; anything else is dropped rather
 * than guessed. */
static char *
normalize_date (const char *value)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  dt = g_date_time_new_from_iso8601 (trimmed, NULL);
  if (dt == NULL && strlen (trimmed) >= 19 && trimmed[10] == ' ')
    {
      trimmed[10] = 'T';
      dt = g_date_time_new_from_iso8601 (trimmed, NULL);
      if (dt == NULL)
        {
          g_autofree char *utc = g_strconcat (trimmed, "Z", NULL);
          dt = g_date_time_new_from_iso8601 (utc, NULL);
        }
    }
  if (dt == NULL && strlen (trimmed) == 19 && trimmed[10] == 'T')
    {
      g_autofree char *utc = g_strconcat (trimmed, "Z", NULL);
      dt = g_date_time_new_from_iso8601 (utc, NULL);
    }
  if (dt != NULL)
    return g_date_time_format_iso8601 (dt);
  if (strlen (trimmed) >= 10 && g_ascii_isdigit (trimmed[0]) && trimmed[4] == '-' &&
      trimmed[7] == '-')
    {
      g_autofree char *day = g_strndup (trimmed, 10);
      g_autofree char *full = g_strconcat (day, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) check = g_date_time_new_from_iso8601 (full, NULL);

      if (check != NULL)
        return g_steal_pointer (&day);
    }
  return NULL;
}

/* Extraction passes */

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree char *style = get_attr (node, "style");
  g_autofree char *aria = NULL;

  if (xmlHasProp (node, (const xmlChar *) "hidden"))
    return TRUE;
  if (style != NULL)
    {
      g_autofree char *compact = g_ascii_strdown (style, -1);
      GString *s = g_string_new (NULL);
      gboolean hidden;

      for (const char *p = compact; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s, *p);
      hidden = strstr (s->str, "display:none") != NULL ||
               strstr (s->str, "visibility:hidden") != NULL;
      g_string_free (s, TRUE);
      if (hidden)
        return TRUE;
    }
  aria = get_attr (node, "aria-hidden");
  if (g_strcmp0 (aria, "true") == 0)
    {
      g_autofree char *klass = get_attr (node, "class");

      return klass == NULL || strstr (klass, "fallback-image") == NULL;
    }
  return FALSE;
}

static gboolean
is_byline_node (xmlNode *node,
                const char *match)
{
  g_autofree char *rel = get_attr (node, "rel");
  g_autofree char *itemprop = get_attr (node, "itemprop");

  return g_strcmp0 (rel, "author") == 0 ||
         (itemprop != NULL && strstr (itemprop, "author") != NULL) ||
         MATCHES (match, byline_names);
}

/* Removes what is never article text, and with FLAG_STRIP_UNLIKELY the
 * blocks whose class or id says they are page furniture. */
static void
strip_furniture (xmlNode      *body,
                 ExtractFlags  flags,
                 char        **byline)
{
  static const char * const junk_tags[] = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "button", "input", "select", "textarea", "option", "nav", "aside", "link",
    "meta", "dialog", "audio", "video", "source", "head", "title", "map", "frameset",
    NULL
  };
  static const char * const junk_roles[] = {
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    NULL
  };
  xmlNode *n = body->children;

  while (n != NULL)
    {
      g_autofree char *match = NULL;
      g_autofree char *role = NULL;
      gboolean drop = FALSE;

      if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE || n->type == XML_DTD_NODE)
        drop = TRUE;
      else if (n->type == XML_ELEMENT_NODE)
        {
          if (tag_in (n, junk_tags) || is_hidden (n) || node_depth (n) > MAX_DEPTH)
            drop = TRUE;
          else
            {
              role = get_attr (n, "role");
              if (role != NULL && g_strv_contains (junk_roles, role))
                drop = TRUE;
            }

          if (!drop)
            {
              match = class_and_id (n);
              if (*byline == NULL && is_byline_node (n, match) && !tag_is (n, "body") &&
                  !tag_is (n, "html"))
                {
                  g_autofree char *text = inner_text (n);
                  glong chars = g_utf8_strlen (text, -1);

                  if (chars > 0 && chars < 100)
                    {
                      *byline = g_steal_pointer (&text);
                      drop = TRUE;
                    }
                }
            }

          if (!drop && (flags & FLAG_STRIP_UNLIKELY) && match != NULL &&
              MATCHES (match, unlikely_names) && !MATCHES (match, maybe_names) &&
              !tag_is (n, "body") && !tag_is (n, "a") && !tag_is (n, "html") &&
              !has_ancestor_tag (n, "table", 0) && !has_ancestor_tag (n, "code", 0))
            drop = TRUE;
        }

      if (drop)
        {
          xmlNode *next = next_node (n, body, FALSE);

          remove_node (n);
          n = next;
        }
      else
        n = next_node (n, body, TRUE);
    }
}

static gboolean
is_block_for_paragraph (xmlNode *node)
{
  static const char * const tags[] = {
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
    "article", "figure", "header", "footer", "main", "form", NULL
  };

  return tag_in (node, tags);
}

/* Adds a finished node's text, link text and commas to its parent. */
static void
account_node (xmlNode *n)
{
  NodeData *parent = node_data (n->parent);

  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
    {
      guint len = 0;
      gboolean space = TRUE;

      for (const char *p = (const char *) n->content; p && *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c))
            {
              if (!space)
                len++;
              space = TRUE;
              continue;
            }
          space = FALSE;
          len++;
          if (parent && is_comma (c))
            parent->commas++;
        }
      if (parent)
        parent->text_len += len;
    }
  else if (n->type == XML_ELEMENT_NODE)
    {
      NodeData *data = node_data (n);

      if (tag_is (n, "a"))
        {
          g_autofree char *href = get_attr (n, "href");

          /* In-page links ("#section") count less against a block. */
          data->link_len = (href && href[0] == '#') ? data->text_len * 3 / 10 : data->text_len;
        }
      if (parent)
        {
          parent->text_len += data->text_len;
          parent->link_len += data->link_len;
          parent->commas += data->commas;
          if (data->has_block || is_block_for_paragraph (n))
            parent->has_block = TRUE;
        }
    }
}

static void
ensure_data (xmlNode   *n,
             GPtrArray *owned)
{
  NodeData *data = g_new0 (NodeData, 1);

  g_ptr_array_add (owned, data);
  n->_private = data;
}

/* Text lengths, link text and commas of every element, bottom up, without
 * recursion: the tree may be deep. */
static void
measure (xmlNode   *root,
         GPtrArray *owned)
{
  xmlNode *n = root->children;

  ensure_data (root, owned);
  while (n != NULL)
    {
      if (n->type == XML_ELEMENT_NODE)
        {
          ensure_data (n, owned);
          if (n->children != NULL)
            {
              n = n->children;
              continue;
            }
        }
      account_node (n);
      while (n->next == NULL)
        {
          n = n->parent;
          if (n == root || n == NULL)
            return;
          account_node (n);
        }
      n = n->next;
    }
}

static void
init_candidate (xmlNode      *node,
                ExtractFlags  flags)
{
  static const char * const plus5[] = { "div", NULL };
  static const char * const plus3[] = { "pre", "td", "blockquote", NULL };
  static const char * const minus3[] = {
    "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
  };
  static const char * const minus5[] = {
    "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL
  };
  NodeData *data = node_data (node);

  if (data->scored)
    return;
  data->scored = TRUE;
  data->score = class_weight (node, flags);
  if (tag_in (node, plus5))
    data->score += 5;
  else if (tag_in (node, plus3))
    data->score += 3;
  else if (tag_in (node, minus3))
    data->score -= 3;
  else if (tag_in (node, minus5))
    data->score -= 5;
}

static void
add_paragraph_score (xmlNode      *parent,
                     guint         text_len,
                     guint         commas,
                     ExtractFlags  flags)
{
  double score = 1 + (commas + 1) + MIN (text_len / 100, 3);
  guint level = 0;

  for (xmlNode *a = parent; a != NULL && level < 5; a = a->parent, level++)
    {
      double divider;

      if (a->type != XML_ELEMENT_NODE || a->parent == NULL ||
          a->parent->type != XML_ELEMENT_NODE || node_data (a) == NULL)
        break;
      init_candidate (a, flags);
      divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      node_data (a)->score += score / divider;
    }
}

/* A <div> around a single <p> and nothing else is a wrapper that reader
 * modes see through: the paragraph votes for what holds the wrapper. */
static gboolean
is_paragraph_wrapper (xmlNode *node)
{
  xmlNode *only = NULL;

  if (!tag_is (node, "div") || link_density (node) >= 0.25)
    return FALSE;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (only != NULL)
            return FALSE;
          only = c;
        }
      else if (c->type == XML_TEXT_NODE && c->content)
        {
          for (const char *p = (const char *) c->content; *p; p++)
            if (!g_ascii_isspace (*p))
              return FALSE;
        }
    }
  return tag_is (only, "p");
}

/* Votes of paragraphs and paragraph-like blocks for their ancestors. */
static void
score_paragraphs (xmlNode      *body,
                  ExtractFlags  flags)
{
  static const char * const scored_tags[] = {
    "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre", NULL
  };

  for (xmlNode *n = body; n != NULL; n = next_node (n, body, TRUE))
    {
      NodeData *data;

      if (n->type != XML_ELEMENT_NODE || (data = node_data (n)) == NULL)
        continue;

      if (tag_in (n, scored_tags) || (tag_is (n, "div") && !data->has_block))
        {
          if (data->text_len >= 25)
            {
              xmlNode *parent = n->parent;

              while (parent != NULL && is_paragraph_wrapper (parent))
                parent = parent->parent;
              add_paragraph_score (parent, data->text_len, data->commas, flags);
            }
          continue;
        }

      /* Loose text in a block with block children counts as paragraphs of
       * that block, as it would once wrapped in <p>. */
      if ((tag_is (n, "div") || tag_is (n, "article") || tag_is (n, "section") ||
           tag_is (n, "td")) && data->has_block)
        {
          guint run_len = 0, run_commas = 0;

          for (xmlNode *c = n->children; ; c = c->next)
            {
              gboolean inline_node = c != NULL &&
                (c->type == XML_TEXT_NODE ||
                 (c->type == XML_ELEMENT_NODE && !is_block_for_paragraph (c) &&
                  !tag_is (c, "br")));

              if (inline_node)
                {
                  if (c->type == XML_TEXT_NODE)
                    {
                      g_autofree char *t = _tp_text_clean_line ((const char *) c->content, -1);

                      run_len += g_utf8_strlen (t, -1);
                      for (const char *p = t; *p; p = g_utf8_next_char (p))
                        if (is_comma (g_utf8_get_char (p)))
                          run_commas++;
                    }
                  else if (node_data (c))
                    {
                      run_len += node_data (c)->text_len;
                      run_commas += node_data (c)->commas;
                    }
                  continue;
                }
              if (run_len >= 25)
                add_paragraph_score (n, run_len, run_commas, flags);
              run_len = run_commas = 0;
              if (c == NULL)
                break;
            }
        }
    }
}

static double
final_score (xmlNode *node)
{
  NodeData *data = node_data (node);

  return data->score * (1 - link_density (node));
}

static xmlNode *
pick_top_candidate (xmlNode      *body,
                    ExtractFlags  flags)
{
  xmlNode *top[5] = { NULL };
  xmlNode *best;
  double best_score;

  for (xmlNode *n = body; n != NULL; n = next_node (n, body, TRUE))
    {
      NodeData *data = node_data (n);

      if (n->type != XML_ELEMENT_NODE || data == NULL || !data->scored)
        continue;
      data->score = final_score (n);
      for (guint i = 0; i < G_N_ELEMENTS (top); i++)
        if (top[i] == NULL || data->score > node_data (top[i])->score)
          {
            memmove (top + i + 1, top + i, (G_N_ELEMENTS (top) - i - 1) * sizeof (xmlNode *));
            top[i] = n;
            break;
          }
    }

  best = top[0];
  if (best == NULL || tag_is (best, "body"))
    return body;
  best_score = node_data (best)->score;

  /* When several strong candidates share an ancestor, the article is that
   * ancestor (pages that split the text into several blocks). */
  {
    xmlNode *alternatives[G_N_ELEMENTS (top)];
    guint n_alt = 0;

    for (guint i = 1; i < G_N_ELEMENTS (top) && top[i]; i++)
      if (node_data (top[i])->score / best_score >= 0.75)
        alternatives[n_alt++] = top[i];
    if (n_alt >= 3)
      {
        for (xmlNode *parent = best->parent; parent && !tag_is (parent, "body");
             parent = parent->parent)
          {
            guint contained = 0;

            for (guint i = 0; i < n_alt; i++)
              for (xmlNode *a = alternatives[i]; a; a = a->parent)
                if (a == parent)
                  {
                    contained++;
                    break;
                  }
            if (contained >= 3)
              {
                best = parent;
                break;
              }
          }
        init_candidate (best, flags);
      }
  }

  /* Climb while the parent scores better: the text may be split among
   * siblings that the parent holds together. */
  {
    double last = node_data (best)->score;
    double threshold = last / 3;

    for (xmlNode *parent = best->parent; parent && !tag_is (parent, "body");
         parent = parent->parent)
      {
        NodeData *pd = node_data (parent);

        if (pd == NULL || !pd->scored)
          continue;
        if (pd->score < threshold)
          break;
        if (pd->score > last)
          {
            best = parent;
            break;
          }
        last = pd->score;
      }
  }

  /* An only child says nothing its parent does not. */
  while (best->parent && !tag_is (best->parent, "body") && best->parent->type == XML_ELEMENT_NODE)
    {
      guint elements = 0;

      for (xmlNode *c = best->parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
          elements++;
      if (elements != 1)
        break;
      best = best->parent;
    }
  init_candidate (best, flags);
  return best;
}

static gboolean
ends_like_sentence (const char *text)
{
  const char *dot = strstr (text, ". ");
  gsize len = strlen (text);

  return dot != NULL || (len > 0 && text[len - 1] == '.');
}

/* The top candidate and the siblings that belong with it. */
static GPtrArray *
collect_content (xmlNode *top)
{
  GPtrArray *nodes = g_ptr_array_new ();
  NodeData *td = node_data (top);
  double threshold;
  g_autofree char *top_class = NULL;

  if (tag_is (top, "body") || top->parent == NULL || top->parent->type != XML_ELEMENT_NODE)
    {
      g_ptr_array_add (nodes, top);
      return nodes;
    }

  threshold = MAX (10, td->score * 0.2);
  top_class = get_attr (top, "class");
  for (xmlNode *s = top->parent->children; s; s = s->next)
    {
      NodeData *sd = node_data (s);
      gboolean append = FALSE;

      if (s == top)
        append = TRUE;
      else if (s->type == XML_ELEMENT_NODE && sd != NULL)
        {
          double bonus = 0;
          g_autofree char *klass = get_attr (s, "class");

          if (klass != NULL && *klass && g_strcmp0 (klass, top_class) == 0)
            bonus = td->score * 0.2;
          if (sd->scored && sd->score + bonus >= threshold)
            append = TRUE;
          else if (tag_is (s, "p"))
            {
              double ld = link_density (s);
              g_autofree char *text = inner_text (s);
              glong len = g_utf8_strlen (text, -1);

              if (len > 80 && ld < 0.25)
                append = TRUE;
              else if (len < 80 && len > 0 && ld == 0 && ends_like_sentence (text))
                append = TRUE;
            }
        }
      if (append)
        g_ptr_array_add (nodes, s);
    }
  return nodes;
}

static guint
count_tags (xmlNode    *root,
            const char *tag)
{
  guint n = 0;

  for (xmlNode *c = root->children; c; c = next_node (c, root, TRUE))
    if (tag_is (c, tag))
      n++;
  return n;
}

static gboolean
is_data_table (xmlNode *table)
{
  g_autofree char *role = get_attr (table, "role");
  g_autofree char *summary = NULL;

  if (g_strcmp0 (role, "presentation") == 0)
    return FALSE;
  summary = get_attr (table, "summary");
  if (summary != NULL && *summary)
    return TRUE;
  if (count_tags (table, "caption") > 0 || count_tags (table, "thead") > 0 ||
      count_tags (table, "th") > 0 || count_tags (table, "tfoot") > 0)
    return TRUE;
  if (count_tags (table, "table") > 0)
    return FALSE;
  return count_tags (table, "tr") >= 10 || count_tags (table, "td") > 20;
}

/* Drops the blocks inside the content that look like furniture: lists of
 * links, image galleries, forms, share bars. */
static gboolean
should_drop_block (xmlNode      *node,
                   ExtractFlags  flags)
{
  NodeData *data = node_data (node);
  gboolean is_list = tag_is (node, "ul") || tag_is (node, "ol");
  int weight = class_weight (node, flags);
  guint p, img, input, embeds = 0, headings_len = 0;
  int li;
  double ld, heading_density;

  if (data == NULL)
    return FALSE;
  if (tag_is (node, "table") && is_data_table (node))
    return FALSE;
  if (has_ancestor_tag (node, "code", 0) || has_ancestor_tag (node, "pre", 0))
    return FALSE;
  if (weight + (data->scored ? data->score : 0) < 0)
    return TRUE;
  if (data->commas >= 10)
    return FALSE;

  p = count_tags (node, "p");
  img = count_tags (node, "img");
  li = (int) count_tags (node, "li") - 100;
  input = count_tags (node, "input");
  for (xmlNode *c = node->children; c; c = next_node (c, node, TRUE))
    {
      static const char * const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };

      if (tag_in (c, headings) && node_data (c))
        headings_len += node_data (c)->text_len;
    }
  heading_density = data->text_len ? (double) headings_len / data->text_len : 0;
  ld = link_density (node);

  if (img > 1 && (double) p / img < 0.5 && !has_ancestor_tag (node, "figure", 3))
    return TRUE;
  if (!is_list && li > (int) p)
    return TRUE;
  if (input > p / 3)
    return TRUE;
  if (!is_list && heading_density < 0.9 && data->text_len < 25 && (img == 0 || img > 2) &&
      !has_ancestor_tag (node, "figure", 3))
    return TRUE;
  if (!is_list && weight < 25 && ld > 0.2)
    return TRUE;
  if (weight >= 25 && ld > 0.5)
    return TRUE;
  if (embeds > 1)
    return TRUE;
  return FALSE;
}

/* Removes @node and takes its text out of its ancestors' counts, so that
 * the blocks around it are judged on what remains. */
static void
drop_block (xmlNode *node)
{
  NodeData *data = node_data (node);

  for (xmlNode *a = node->parent; a != NULL; a = a->parent)
    {
      NodeData *ad = node_data (a);

      if (ad == NULL || data == NULL)
        continue;
      ad->text_len -= MIN (ad->text_len, data->text_len);
      ad->link_len -= MIN (ad->link_len, data->link_len);
      ad->commas -= MIN (ad->commas, data->commas);
    }
  remove_node (node);
}

static void
clean_content (GPtrArray    *roots,
               ExtractFlags  flags)
{
  static const char * const cleaned[] = {
    "form", "fieldset", "table", "ul", "div", NULL
  };

  for (guint r = 0; r < roots->len; r++)
    {
      xmlNode *root = g_ptr_array_index (roots, r);
      g_autoptr(GPtrArray) blocks = g_ptr_array_new ();

      for (xmlNode *n = root; n != NULL; n = next_node (n, root, TRUE))
        if (n->type == XML_ELEMENT_NODE)
          g_ptr_array_add (blocks, n);

      /* Innermost first, as each removal changes the blocks around it. */
      for (guint i = blocks->len; i-- > 0;)
        {
          xmlNode *n = g_ptr_array_index (blocks, i);
          g_autofree char *match = class_and_id (n);
          gboolean drop = FALSE;

          if (match != NULL && strstr (match, "share") != NULL &&
              node_data (n) && node_data (n)->text_len < 500)
            drop = TRUE;
          else if ((flags & FLAG_WEIGHT_CLASSES) && (tag_is (n, "h1") || tag_is (n, "h2")) &&
                   class_weight (n, flags) < 0)
            drop = TRUE;
          else if ((flags & FLAG_CLEAN_CONDITIONALLY) && tag_in (n, cleaned) &&
                   should_drop_block (n, flags))
            drop = TRUE;

          if (!drop)
            continue;
          if (n == root)
            {
              g_ptr_array_index (roots, r) = NULL;
              remove_node (n);
              break;
            }
          drop_block (n);
        }
    }
  while (g_ptr_array_remove (roots, NULL))
    ;
}

static gboolean
is_caption_node (xmlNode *node)
{
  g_autofree char *match = NULL;

  if (tag_is (node, "figcaption"))
    return TRUE;
  if (tag_is (node, "caption"))
    return FALSE;
  match = class_and_id (node);
  return match != NULL && (strstr (match, "caption") != NULL ||
                           strstr (match, "photo-credit") != NULL ||
                           strstr (match, "image-credit") != NULL);
}

static gboolean
is_text_block (xmlNode *node)
{
  static const char * const tags[] = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr",
    "figure", "figcaption", "address", "hr", "center", "form", "fieldset", "details",
    "summary", "caption", "thead", "tbody", "tfoot", NULL
  };

  return tag_in (node, tags);
}

static void
flush_paragraph (GString   *buf,
                 GPtrArray *paragraphs)
{
  char *clean = _tp_text_clean_line (buf->str, buf->len);

  g_string_truncate (buf, 0);
  if (*clean)
    g_ptr_array_add (paragraphs, clean);
  else
    g_free (clean);
}

/* The text of the chosen blocks, one paragraph per block, captions apart. */
static void
render_text (GPtrArray  *roots,
             Extraction *ex)
{
  GString *buf = g_string_new (NULL);

  for (guint r = 0; r < roots->len; r++)
    {
      xmlNode *root = g_ptr_array_index (roots, r);
      xmlNode *n = root;

      if (n->type == XML_TEXT_NODE)
        {
          g_string_append (buf, (const char *) n->content);
          continue;
        }
      flush_paragraph (buf, ex->paragraphs);
      while (n != NULL)
        {
          gboolean descend = TRUE;

          if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            {
              if (n->content && has_ancestor_tag (n, "pre", 8))
                {
                  /* Preformatted lines stay lines. */
                  g_auto(GStrv) lines = g_strsplit ((const char *) n->content, "\n", -1);

                  for (guint i = 0; lines[i]; i++)
                    {
                      if (i > 0)
                        flush_paragraph (buf, ex->paragraphs);
                      g_string_append (buf, lines[i]);
                    }
                }
              else if (n->content)
                g_string_append (buf, (const char *) n->content);
            }
          else if (n->type == XML_ELEMENT_NODE)
            {
              if (is_caption_node (n))
                {
                  char *caption = inner_text (n);

                  if (*caption)
                    g_ptr_array_add (ex->captions, caption);
                  else
                    g_free (caption);
                  descend = FALSE;
                }
              else if (tag_is (n, "br"))
                flush_paragraph (buf, ex->paragraphs);
              else if (tag_is (n, "td") || tag_is (n, "th") || tag_is (n, "img"))
                g_string_append_c (buf, ' ');
              else if (is_text_block (n))
                flush_paragraph (buf, ex->paragraphs);
            }
          else
            descend = FALSE;

          /* Leaving blocks ends their paragraph. */
          if (descend && n->type == XML_ELEMENT_NODE && n->children != NULL)
            {
              n = n->children;
              continue;
            }
          while (n != NULL && n != root && n->next == NULL)
            {
              n = n->parent;
              if (n != NULL && is_text_block (n))
                flush_paragraph (buf, ex->paragraphs);
            }
          if (n == NULL || n == root)
            break;
          n = n->next;
        }
      flush_paragraph (buf, ex->paragraphs);
    }
  g_string_free (buf, TRUE);

  for (guint i = 0; i < ex->paragraphs->len; i++)
    ex->text_len += g_utf8_strlen (g_ptr_array_index (ex->paragraphs, i), -1);
}

static void
extraction_clear (Extraction *ex)
{
  g_clear_pointer (&ex->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&ex->captions, g_ptr_array_unref);
  g_clear_pointer (&ex->byline, g_free);
  ex->text_len = 0;
}

static xmlDoc *
parse_html (const char *text,
            gsize       len,
            const char *url)
{
  static gsize initialized = 0;
  int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_RECOVER | HTML_PARSE_COMPACT;

  /* libxml2 must be initialised once before threads parse concurrently,
   * as import workers do. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  return htmlReadMemory (text, (int) len, url, "UTF-8", options);
}

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = next_node (n, root, TRUE))
    if (tag_is (n, "body"))
      return n;
  return root;
}

static gboolean
extract_pass (const char   *text,
              gsize         len,
              const char   *url,
              ExtractFlags  flags,
              Extraction   *ex)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roots = NULL;
  xmlDoc *doc = parse_html (text, len, url);
  xmlNode *body, *top;

  ex->paragraphs = g_ptr_array_new_with_free_func (g_free);
  ex->captions = g_ptr_array_new_with_free_func (g_free);
  if (doc == NULL)
    return FALSE;
  body = find_body (doc);
  if (body == NULL)
    {
      xmlFreeDoc (doc);
      return FALSE;
    }

  strip_furniture (body, flags, &ex->byline);
  measure (body, owned);
  score_paragraphs (body, flags);
  top = pick_top_candidate (body, flags);
  roots = collect_content (top);
  clean_content (roots, flags);
  render_text (roots, ex);

  for (xmlNode *n = xmlDocGetRootElement (doc); n; n = next_node (n, NULL, TRUE))
    n->_private = NULL;
  xmlFreeDoc (doc);
  return TRUE;
}

/* Public API (private to src/ingest) */

/**
 * _tp_html_looks_like_html:
 *
 * Whether a source that came without a content type is an HTML page.
 */
gboolean
_tp_html_looks_like_html (const char *data,
                          gsize       len)
{
  gsize n = MIN (len, 4096);
  g_autofree char *head = g_ascii_strdown (data, n);
  const char *p = head;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '<')
    return strstr (head, "<html") != NULL || strstr (head, "<!doctype html") != NULL;
  return strstr (head, "<html") != NULL || strstr (head, "<!doctype") != NULL ||
         strstr (head, "<head") != NULL || strstr (head, "<body") != NULL ||
         strstr (head, "<p>") != NULL || strstr (head, "<div") != NULL ||
         strstr (head, "<article") != NULL || strstr (head, "<meta") != NULL ||
         strstr (head, "<title") != NULL;
}

/**
 * _tp_html_article_parse:
 * @article: the article to fill
 * @text: the page as UTF-8
 * @len: its length in bytes
 * @url: (nullable): where the page came from, for relative links
 * @error: return location for a #TP_INGEST_ERROR
 *
 * Extracts the article from a web page: its main text, captions apart, and
 * its metadata (title, author, outlet, date, language, canonical URL).
 */
gboolean
_tp_html_article_parse (TpArticle   *article,
                        const char  *text,
                        gsize        len,
                        const char  *url,
                        GError     **error)
{
  static const ExtractFlags passes[] = {
    FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
    FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
    FLAG_CLEAN_CONDITIONALLY,
    0,
  };
  g_auto(Metadata) md = { 0 };
  Extraction best = { 0 };
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *site = NULL;
  g_autofree char *title = NULL;
  xmlDoc *doc;
  const char *value;

  if (len > G_MAXINT)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE,
                   _("The page is too large to read. Save the article alone and import it."));
      return FALSE;
    }

  /* libxml2 builds no document from nothing, which would read as a page
   * it could not parse: an empty page is an empty file. */
  if (is_blank (text, len))
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_EMPTY,
                   _("The page is empty. Choose a page or file that contains an article."));
      return FALSE;
    }

  doc = parse_html (text, len, url);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_PARSE,
                   _("The page could not be read as HTML. Save it again from the browser "
                     "(“Web page, complete” or “HTML only”) and import it again."));
      return FALSE;
    }
  read_metadata (&md, doc);
  xmlFreeDoc (doc);

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      Extraction ex = { 0 };

      if (!extract_pass (text, len, url, passes[i], &ex))
        {
          extraction_clear (&ex);
          continue;
        }
      if (best.paragraphs == NULL || ex.text_len > best.text_len)
        {
          extraction_clear (&best);
          best = ex;
        }
      else
        extraction_clear (&ex);
      if (best.text_len >= ENOUGH_TEXT)
        break;
    }

  /* Metadata. */
  site = g_strdup (meta_get (&md, "og:site_name"));
  if (site == NULL && md.ld_publisher != NULL)
    site = g_strdup (md.ld_publisher);
  if (site == NULL && meta_get (&md, "application-name") != NULL)
    site = g_strdup (meta_get (&md, "application-name"));

  title = choose_title (&md);
  strip_site_suffix (title, site);
  if (title != NULL && *title)
    article->title = g_steal_pointer (&title);

  value = md.canonical;
  g_free (article->url);
  article->url = resolve_url (url, value ? value : meta_get (&md, "og:url"));
  if (article->url == NULL && url != NULL)
    article->url = g_strdup (url);

  article->outlet = g_strdup (site);
  if (article->outlet == NULL)
    article->outlet = host_of (article->url ? article->url : url);

  if (md.ld_author != NULL)
    article->author = g_strdup (md.ld_author);
  else if ((value = meta_get (&md, "author")) != NULL ||
           (value = meta_get (&md, "dc:creator")) != NULL ||
           (value = meta_get (&md, "parsely-author")) != NULL ||
           ((value = meta_get (&md, "article:author")) != NULL &&
            !g_str_has_prefix (value, "http")))
    article->author = g_strdup (value);
  else if (best.byline != NULL)
    article->author = g_strdup (best.byline);

  article->published = normalize_date (md.ld_published);
  if (article->published == NULL)
    {
      static const char * const date_keys[] = {
        "article:published_time", "og:article:published_time", "datepublished",
        "date", "pubdate", "publishdate", "dc:date", "dcterm:created", "sailthru:date",
        "parsely-pub-date", "article:published",
      };

      for (guint i = 0; i < G_N_ELEMENTS (date_keys) && article->published == NULL; i++)
        article->published = normalize_date (meta_get (&md, date_keys[i]));
    }
  if (article->published == NULL)
    article->published = normalize_date (md.time_datetime);

  /* The body: paragraphs with the same caption, credit, outlet and byline
   * rules as plain text. */
  for (guint i = 0; best.paragraphs && i < best.paragraphs->len; i++)
    {
      const char *para = g_ptr_array_index (best.paragraphs, i);
      g_autofree char *rest = _tp_text_split_caption (para, best.captions);
      g_autofree char *outlet = NULL;
      g_autofree char *byline = NULL;
      const char *body_part;

      if (*rest == '\0')
        continue;
      if (paragraphs->len < 3 && article->title != NULL &&
          g_strcmp0 (rest, article->title) == 0)
        continue;
      if (paragraphs->len < 2 || i + 2 >= best.paragraphs->len)
        {
          g_autofree char *date = _tp_text_parse_date_line (rest);

          if (date != NULL)
            {
              if (article->published == NULL)
                article->published = g_steal_pointer (&date);
              continue;
            }
          byline = _tp_text_parse_byline (rest);
          if (byline != NULL)
            {
              if (article->author == NULL)
                article->author = g_steal_pointer (&byline);
              continue;
            }
        }
      body_part = rest;
      if (paragraphs->len == 0)
        {
          body_part = _tp_text_strip_outlet_prefix (rest, &outlet);
          if (outlet != NULL && site == NULL)
            {
              g_free (article->outlet);
              article->outlet = g_steal_pointer (&outlet);
            }
        }
      if (*body_part)
        g_ptr_array_add (paragraphs, g_strdup (body_part));
    }

  for (guint i = 0; best.captions && i < best.captions->len; i++)
    tp_article_add_caption (article, g_ptr_array_index (best.captions, i));
  extraction_clear (&best);

  if (paragraphs->len == 0)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NO_TEXT,
                   _("No article text was found on this page, only navigation, captions or "
                     "markup. Open the article itself and save or import that page."));
      return FALSE;
    }

  _tp_article_finish (article, paragraphs);

  /* The text decides the language; a declaration only when the text
   * cannot (many sites declare "en" whatever they publish). */
  if (article->language == NULL)
    {
      const char *declared = md.html_lang ? md.html_lang :
                             md.ld_language ? md.ld_language : meta_get (&md, "og:locale");

      if (declared != NULL && strlen (declared) >= 2 && g_ascii_isalpha (declared[0]) &&
          g_ascii_isalpha (declared[1]) && (declared[2] == '\0' || declared[2] == '-' ||
                                            declared[2] == '_'))
        article->language = g_ascii_strdown (declared, 2);
    }
  return TRUE;
}
