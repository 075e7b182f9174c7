/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-feed-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

#include "tp-feed-date.h"
#include "tp-feed-parser.h"
#include "tp-feed-private.h"
#include "tp-json-private.h"

#define NS_ATOM     "http://www.w3.org/2005/Atom"
#define NS_ATOM03   "http://purl.org/atom/ns#"
#define NS_RSS10    "http://purl.org/rss/1.0/"
#define NS_RSS090   "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF      "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS  "http://purl.org/dc/terms/"
#define NS_CONTENT  "http://purl.org/rss/1.0/modules/content/"
#define NS_ITUNES   "http://www.itunes.com/dtds/podcast-1.0.dtd"

G_DEFINE_QUARK (tp-feed-error-quark, tp_feed_error)

typedef struct
{
  gboolean  unsafe;
  gboolean  external;
  char     *entity;
} ParseGuard;

/* libxml2 is thread-safe once initialised, and the monitor parses on a
 * worker thread while other code may parse elsewhere. */
static void
ensure_libxml (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

/* Auxiliary methods: text */

static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0;
}

/* Collapses runs of blanks inside each line, trims lines and drops empty
 * ones, so markup, indentation and stray blank lines all read the same. */
static char *
tidy_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return NULL;
  /* Text gathered node by node from a recovered document may hold bytes
   * that are not UTF-8, which would otherwise lose all of it. */
  valid = g_utf8_make_valid (text, -1);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;
  lines = g_strsplit (nfc, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gboolean pending_space = FALSE;

      for (const char *p = lines[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (is_space_char (c))
            {
              pending_space = line->len > 0;
              continue;
            }
          if (pending_space)
            g_string_append_c (line, ' ');
          pending_space = FALSE;
          g_string_append_unichar (line, c);
        }
      if (line->len == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, line->str, line->len);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_dropped_element (const char *name)
{
  static const char *dropped[] = {
    "script", "style", "noscript", "iframe", "object", "embed", "applet", "svg", "math",
    "template", "head", "form", "button", "select", "textarea", "input", "canvas", "audio",
    "video", "map", "frame", "frameset",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    if (g_ascii_strcasecmp (name, dropped[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_block_element (const char *name)
{
  static const char *blocks[] = {
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "ul",
    "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
    "figure", "figcaption", "hr", "address", "main", "nav", "body", "html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Walks an HTML or XHTML tree and keeps only its text: nothing from the
 * markup (scripts, styles, event handlers, URLs) survives. */
static void
collect_text (xmlNode *node,
              GString *out)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          for (const char *p = (const char *) child->content; p && *p; p++)
            g_string_append_c (out, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) child->name;

          if (is_dropped_element (name))
            continue;
          if (g_ascii_strcasecmp (name, "br") == 0)
            {
              g_string_append_c (out, '\n');
              continue;
            }
          if (is_block_element (name))
            {
              g_string_append_c (out, '\n');
              collect_text (child->children, out);
              g_string_append_c (out, '\n');
            }
          else
            collect_text (child->children, out);
        }
      else if (child->type == XML_ENTITY_REF_NODE)
        {
          /* Only the predefined entities are ever allowed, so this is rare;
           * the name is kept rather than expanded. */
          collect_text (child->children, out);
        }
    }
}

static char *
text_of_subtree (xmlNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  collect_text (node->children, out);
  return tidy_text (out->str);
}

/* Auxiliary methods: XML helpers */

static gboolean
has_ns (xmlNode    *node,
        const char *href)
{
  return node->ns != NULL && node->ns->href != NULL &&
         g_str_equal ((const char *) node->ns->href, href);
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

/* An element of the feed's own vocabulary: no namespace, or the one RSS
 * 1.0/0.90/Atom uses for itself. */
static gboolean
is_own (xmlNode    *node,
        const char *name)
{
  if (!is_named (node, name))
    return FALSE;
  return node->ns == NULL || has_ns (node, NS_RSS10) || has_ns (node, NS_RSS090) ||
         has_ns (node, NS_ATOM) || has_ns (node, NS_ATOM03);
}

/* libxml2's recovery lets bytes that are not UTF-8 through into text and
 * attribute values: every string read from the document comes through
 * here, with such bytes replaced. Takes @value. */
static char *
take_xml_string (xmlChar *value)
{
  char *text;

  if (value == NULL)
    return NULL;
  text = g_utf8_make_valid ((const char *) value, -1);
  xmlFree (value);
  return text;
}

static char *
raw_text (xmlNode *node)
{
  g_autofree char *content = take_xml_string (xmlNodeGetContent (node));
  char *text;

  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup (content));
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static char *
plain_text (xmlNode *node)
{
  g_autofree char *raw = raw_text (node);

  return tidy_text (raw);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  char *value = take_xml_string (xmlGetProp (node, (const xmlChar *) name));

  return value != NULL ? g_strstrip (value) : NULL;
}

static void
set_string (char **field,
            char  *value)
{
  if (value == NULL)
    return;
  if (*field != NULL)
    {
      g_free (value);
      return;
    }
  *field = value;
}

static char *
date_of (xmlNode *node)
{
  g_autofree char *raw = raw_text (node);

  return tp_feed_date_normalize (raw);
}

static char *
resolve_link (xmlNode    *node,
              const char *link)
{
  g_autofree char *base = NULL;

  if (link == NULL)
    return NULL;
  base = take_xml_string (xmlNodeGetBase (node->doc, node));
  return tp_feed_resolve_url (base, link);
}

/* Atom text constructs: text, html or xhtml. */
static char *
atom_text (xmlNode *node)
{
  g_autofree char *type = get_attr (node, "type");

  if (type != NULL && (g_str_equal (type, "xhtml") || g_str_equal (type, "application/xhtml+xml")))
    return text_of_subtree (node);
  if (type != NULL && (g_str_equal (type, "html") || g_str_equal (type, "text/html")))
    {
      g_autofree char *raw = raw_text (node);
      return tp_feed_html_to_text (raw);
    }
  return plain_text (node);
}

static char *
html_text (xmlNode *node)
{
  g_autofree char *raw = raw_text (node);

  return tp_feed_html_to_text (raw);
}

static char *
person_name (xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_named (c, "name"))
      return plain_text (c);
  return plain_text (node);
}

/* "editor@example.com (Jane Doe)" → "Jane Doe" */
static char *
rss_author (xmlNode *node)
{
  g_autofree char *text = plain_text (node);
  const char *open;
  const char *close;

  if (text == NULL)
    return NULL;
  open = strchr (text, '(');
  close = strrchr (text, ')');
  if (strchr (text, '@') != NULL && open != NULL && close != NULL && close > open + 1)
    return g_strstrip (g_strndup (open + 1, close - open - 1));
  return g_steal_pointer (&text);
}

static void
finish_entry (TpFeedEntry *entry)
{
  if (entry->id == NULL)
    {
      if (entry->link != NULL)
        entry->id = g_strdup (entry->link);
      else
        {
          g_autofree char *key = g_strjoin ("\x1f", entry->title ? entry->title : "",
                                            entry->summary ? entry->summary : "",
                                            entry->published ? entry->published : "", NULL);
          entry->id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
        }
    }
}

static char *
link_of (xmlNode *node)
{
  g_autofree char *raw = raw_text (node);

  return resolve_link (node, raw);
}

/* RSS 0.9x, 1.0 and 2.0 */

static TpFeedEntry *
parse_rss_item (xmlNode *item)
{
  g_autoptr(TpFeedEntry) entry = tp_feed_entry_new ();
  g_autofree char *guid_link = NULL;
  g_autofree char *atom_link = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *dc_date = NULL;

  for (xmlNode *c = item->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_own (c, "title"))
        set_string (&entry->title, plain_text (c));
      else if (is_own (c, "link"))
        set_string (&entry->link, link_of (c));
      else if (is_own (c, "guid"))
        {
          g_autofree char *permalink = get_attr (c, "isPermaLink");

          set_string (&entry->id, raw_text (c));
          if (permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0)
            set_string (&guid_link, link_of (c));
        }
      else if (is_own (c, "description"))
        set_string (&entry->summary, html_text (c));
      else if (is_named (c, "encoded") && has_ns (c, NS_CONTENT))
        set_string (&entry->content, html_text (c));
      else if (is_own (c, "pubDate"))
        set_string (&entry->published, date_of (c));
      else if (is_named (c, "date") && (has_ns (c, NS_DC) || has_ns (c, NS_DCTERMS)))
        set_string (&dc_date, date_of (c));
      else if ((is_named (c, "modified") && (has_ns (c, NS_DC) || has_ns (c, NS_DCTERMS))) ||
               (is_named (c, "updated") && has_ns (c, NS_ATOM)))
        set_string (&entry->updated, date_of (c));
      else if (is_own (c, "author"))
        set_string (&entry->author, rss_author (c));
      else if (is_named (c, "creator") && has_ns (c, NS_DC))
        set_string (&creator, plain_text (c));
      else if (is_named (c, "author") && has_ns (c, NS_ITUNES))
        set_string (&creator, plain_text (c));
      else if (is_named (c, "link") && has_ns (c, NS_ATOM))
        {
          g_autofree char *rel = get_attr (c, "rel");
          g_autofree char *href = get_attr (c, "href");

          if (rel == NULL || g_str_equal (rel, "alternate"))
            set_string (&atom_link, resolve_link (c, href));
        }
    }

  if (entry->author == NULL)
    entry->author = g_steal_pointer (&creator);
  if (entry->published == NULL)
    entry->published = g_steal_pointer (&dc_date);
  if (entry->link == NULL)
    entry->link = g_steal_pointer (&atom_link);
  /* RSS 1.0 items name themselves in rdf:about. */
  if (entry->link == NULL)
    {
      g_autofree char *about = take_xml_string (xmlGetNsProp (item, (const xmlChar *) "about",
                                                              (const xmlChar *) NS_RDF));
      if (about != NULL && *about != '\0')
        entry->link = resolve_link (item, about);
    }
  if (entry->link == NULL && guid_link != NULL &&
      (g_str_has_prefix (guid_link, "http://") || g_str_has_prefix (guid_link, "https://")))
    entry->link = g_steal_pointer (&guid_link);
  finish_entry (entry);
  return g_steal_pointer (&entry);
}

static void
parse_rss_channel (TpFeedDocument  *feed,
                   xmlNode *channel)
{
  g_autofree char *fallback_date = NULL;

  for (xmlNode *c = channel->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_own (c, "title"))
        set_string (&feed->title, plain_text (c));
      else if (is_own (c, "link"))
        set_string (&feed->link, link_of (c));
      else if (is_own (c, "description"))
        set_string (&feed->description, html_text (c));
      else if (is_own (c, "language") || (is_named (c, "language") && has_ns (c, NS_DC)))
        set_string (&feed->language, plain_text (c));
      else if (is_own (c, "lastBuildDate"))
        set_string (&feed->updated, date_of (c));
      else if (is_own (c, "pubDate") ||
               (is_named (c, "date") && (has_ns (c, NS_DC) || has_ns (c, NS_DCTERMS))))
        set_string (&fallback_date, date_of (c));
      else if (is_own (c, "item"))
        g_ptr_array_add (feed->entries, parse_rss_item (c));
    }
  if (feed->updated == NULL)
    feed->updated = g_steal_pointer (&fallback_date);
}

static void
parse_rss (TpFeedDocument  *feed,
           xmlNode *root)
{
  g_autofree char *version = get_attr (root, "version");

  feed->format = version != NULL && g_str_has_prefix (version, "2") ? TP_FEED_FORMAT_RSS_2_0
                                                                    : TP_FEED_FORMAT_RSS_0_9;
  if (version == NULL)
    feed->format = TP_FEED_FORMAT_RSS_2_0;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (is_own (c, "channel"))
        parse_rss_channel (feed, c);
      else if (is_own (c, "item"))
        g_ptr_array_add (feed->entries, parse_rss_item (c));
    }
}

static void
parse_rdf (TpFeedDocument  *feed,
           xmlNode *root)
{
  feed->format = TP_FEED_FORMAT_RSS_0_9;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (has_ns (c, NS_RSS10))
        feed->format = TP_FEED_FORMAT_RSS_1_0;
      if (is_own (c, "channel"))
        parse_rss_channel (feed, c);
      else if (is_own (c, "item"))
        g_ptr_array_add (feed->entries, parse_rss_item (c));
    }
}

/* Atom 1.0 (and the 0.3 draft's element names) */

static char *
atom_link (xmlNode *node)
{
  g_autofree char *rel = get_attr (node, "rel");
  g_autofree char *href = get_attr (node, "href");

  if (href == NULL || *href == '\0')
    return NULL;
  if (rel != NULL && !g_str_equal (rel, "alternate") &&
      !g_str_equal (rel, "http://www.iana.org/assignments/relation/alternate"))
    return NULL;
  return resolve_link (node, href);
}

static TpFeedEntry *
parse_atom_entry (xmlNode *node)
{
  g_autoptr(TpFeedEntry) entry = tp_feed_entry_new ();

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_own (c, "id"))
        set_string (&entry->id, raw_text (c));
      else if (is_own (c, "title"))
        set_string (&entry->title, atom_text (c));
      else if (is_own (c, "link"))
        set_string (&entry->link, atom_link (c));
      else if (is_own (c, "author"))
        set_string (&entry->author, person_name (c));
      else if (is_own (c, "published") || is_own (c, "issued") || is_own (c, "created"))
        set_string (&entry->published, date_of (c));
      else if (is_own (c, "updated") || is_own (c, "modified"))
        set_string (&entry->updated, date_of (c));
      else if (is_own (c, "summary"))
        set_string (&entry->summary, atom_text (c));
      else if (is_own (c, "content"))
        {
          g_autofree char *src = get_attr (c, "src");

          if (src == NULL)
            set_string (&entry->content, atom_text (c));
        }
      else if (is_named (c, "creator") && has_ns (c, NS_DC))
        set_string (&entry->author, plain_text (c));
    }

  /* An entry's author defaults to its source's or its feed's. */
  if (entry->author == NULL && node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
    for (xmlNode *c = node->parent->children; c != NULL; c = c->next)
      if (is_own (c, "author"))
        {
          entry->author = person_name (c);
          break;
        }

  finish_entry (entry);
  return g_steal_pointer (&entry);
}

static void
parse_atom (TpFeedDocument  *feed,
            xmlNode *root)
{
  g_autofree char *lang = take_xml_string (xmlNodeGetLang (root));

  feed->format = TP_FEED_FORMAT_ATOM;
  if (lang != NULL && *lang != '\0')
    feed->language = g_steal_pointer (&lang);

  if (is_named (root, "entry"))
    {
      g_ptr_array_add (feed->entries, parse_atom_entry (root));
      return;
    }

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_own (c, "title"))
        set_string (&feed->title, atom_text (c));
      else if (is_own (c, "link"))
        set_string (&feed->link, atom_link (c));
      else if (is_own (c, "updated") || is_own (c, "modified"))
        set_string (&feed->updated, date_of (c));
      else if (is_own (c, "subtitle") || is_own (c, "tagline"))
        set_string (&feed->description, atom_text (c));
      else if (is_own (c, "entry"))
        g_ptr_array_add (feed->entries, parse_atom_entry (c));
    }
}

/* XML entry point */

/* Feeds have no use for entity declarations; refusing every one of them
 * stops external entities (XXE) and entity expansion bombs before any
 * expansion happens, whatever libxml2's own limits are. */
static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseGuard *guard = ctxt->_private;

  if (!guard->unsafe)
    {
      guard->unsafe = TRUE;
      guard->external = system_id != NULL || public_id != NULL;
      guard->entity = g_utf8_make_valid ((const char *) name, -1);
    }
  xmlStopParser (ctxt);
}

static void
on_xml_error (void        *ctx,
              const char  *msg,
              ...)
{
  /* Parse errors are reported through the GError; keep stderr quiet. */
}

static xmlDoc *
read_xml (const guint8  *data,
          gsize          len,
          const char    *base_url,
          const char    *charset,
          gboolean       recover,
          GError       **error)
{
  xmlParserCtxtPtr ctxt;
  ParseGuard guard = { FALSE, FALSE, NULL };
  xmlDoc *doc;
  /* No NOENT (entities stay references), no DTDLOAD/DTDATTR (nothing
   * external is read), NONET, and no HUGE, so libxml2's depth and text
   * size limits stay on. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

  if (recover)
    options |= XML_PARSE_RECOVER;

  ensure_libxml ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_MALFORMED, _("Out of memory reading the "
                                                                    "feed."));
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->error = on_xml_error;
  ctxt->sax->warning = on_xml_error;
  ctxt->vctxt.error = on_xml_error;
  ctxt->vctxt.warning = on_xml_error;

  doc = xmlCtxtReadMemory (ctxt, (const char *) data, (int) len, base_url, charset, options);

  if (guard.unsafe)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      if (guard.external)
        g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_UNSAFE,
                     _("The feed declares an external entity (“%s”), which could read local "
                       "files or reach other servers; Triptych refused it."), guard.entity);
      else
        g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_UNSAFE,
                     _("The feed declares its own entities (“%s”), a pattern used to exhaust "
                       "memory; Triptych refused it."), guard.entity);
    }
  else if (doc == NULL || (!recover && !ctxt->wellFormed))
    {
      const xmlError *xerr = xmlCtxtGetLastError (ctxt);
      /* libxml2 quotes the document's own bytes in its messages. */
      g_autofree char *detail = g_strstrip (g_utf8_make_valid (xerr && xerr->message
                                                               ? xerr->message
                                                               : "unknown error", -1));

      g_clear_pointer (&doc, xmlFreeDoc);
      /* libxml2 reports its safety limits (nesting depth, text node size,
       * entity loops) as internal errors: those documents are refused, not
       * recovered. */
      if (xerr != NULL && (xerr->code == XML_ERR_INTERNAL_ERROR ||
                           xerr->code == XML_ERR_NO_MEMORY ||
                           xerr->code == XML_ERR_ENTITY_LOOP))
        g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_TOO_LARGE,
                     _("The feed is nested too deeply or holds too much text to be read "
                       "safely (line %d: %s)."), xerr->line, detail);
      else
        g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_MALFORMED,
                     _("The feed is not well-formed XML (line %d: %s)."),
                     xerr ? xerr->line : 0, detail);
    }

  g_free (guard.entity);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Reads XML the safe way (see read_xml()), falling back to libxml2's
 * recovery mode for the slightly broken documents common in the wild, but
 * never for unsafe or oversized ones. Shared with the OPML reader. */
xmlDoc *
_tp_feed_read_xml (const guint8  *data,
                   gsize          len,
                   const char    *base_url,
                   const char    *charset,
                   GError       **error)
{
  g_autoptr(GError) strict_error = NULL;
  xmlDoc *doc;

  doc = read_xml (data, len, base_url, charset, FALSE, &strict_error);
  if (doc != NULL)
    return doc;
  if (g_error_matches (strict_error, TP_FEED_ERROR, TP_FEED_ERROR_UNSAFE) ||
      g_error_matches (strict_error, TP_FEED_ERROR, TP_FEED_ERROR_TOO_LARGE))
    {
      g_propagate_error (error, g_steal_pointer (&strict_error));
      return NULL;
    }
  doc = read_xml (data, len, base_url, charset, TRUE, NULL);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_propagate_error (error, g_steal_pointer (&strict_error));
      return NULL;
    }
  return doc;
}

static TpFeedDocument *
parse_xml (const guint8  *data,
           gsize          len,
           const char    *base_url,
           const char    *charset,
           GError       **error)
{
  g_autoptr(TpFeedDocument) feed = NULL;
  xmlDoc *doc;
  xmlNode *root;

  doc = _tp_feed_read_xml (data, len, base_url, charset, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  feed = tp_feed_document_new ();
  if (root != NULL && is_named (root, "rss"))
    parse_rss (feed, root);
  else if (root != NULL && (is_named (root, "RDF") || is_named (root, "rdf")))
    parse_rdf (feed, root);
  else if (root != NULL && (is_named (root, "feed") || is_named (root, "entry")) &&
           (root->ns == NULL || has_ns (root, NS_ATOM) || has_ns (root, NS_ATOM03)))
    parse_atom (feed, root);
  else if (root != NULL && g_ascii_strcasecmp ((const char *) root->name, "html") == 0)
    {
      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_NOT_A_FEED,
                   _("This is a web page, not a feed. Use the address of the site’s RSS or Atom "
                     "feed, or import the page itself."));
      xmlFreeDoc (doc);
      return NULL;
    }
  else
    {
      g_autofree char *name = g_utf8_make_valid (root != NULL ? (const char *) root->name : "",
                                                 -1);

      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_NOT_A_FEED,
                   _("This document is XML but not an RSS or Atom feed (its root element is "
                     "“%s”)."), name);
      xmlFreeDoc (doc);
      return NULL;
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&feed);
}

/* JSON Feed 1.0 and 1.1 */

static char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      g_autofree char *copy = NULL;

      if (s == NULL)
        return NULL;
      copy = g_strstrip (g_strdup (s));
      return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static char *
json_author (JsonObject *item)
{
  JsonNode *node = json_object_get_member (item, "authors");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *authors = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (authors); i++)
        {
          JsonNode *a = json_array_get_element (authors, i);
          if (JSON_NODE_HOLDS_OBJECT (a))
            {
              char *name = json_string (json_node_get_object (a), "name");
              if (name != NULL)
                return name;
            }
        }
    }
  node = json_object_get_member (item, "author");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), "name");
  return NULL;
}

static char *
json_date (JsonObject *object,
           const char *member)
{
  g_autofree char *raw = json_string (object, member);

  return tp_feed_date_normalize (raw);
}

static TpFeedDocument *
parse_json (const char  *text,
            gsize        len,
            const char  *base_url,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TpFeedDocument) feed = NULL;
  g_autofree char *version = NULL;
  g_autofree char *feed_url = NULL;
  JsonObject *root;
  JsonNode *items;
  const char *base;

  if (!_tp_json_parser_load_one (parser, text, (gssize) len, FALSE, &local_error))
    {
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_MALFORMED,
                   _("The feed is not valid JSON (%s)."), detail);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto not_a_feed;
  root = json_node_get_object (json_parser_get_root (parser));
  version = json_string (root, "version");
  if (version == NULL || strstr (version, "jsonfeed.org/version/") == NULL)
    goto not_a_feed;

  feed = tp_feed_document_new ();
  feed->format = TP_FEED_FORMAT_JSON;
  feed_url = json_string (root, "feed_url");
  base = base_url != NULL ? base_url : feed_url;
  feed->title = json_string (root, "title");
  {
    g_autofree char *home = json_string (root, "home_page_url");
    feed->link = tp_feed_resolve_url (base, home);
  }
  feed->language = json_string (root, "language");
  {
    g_autofree char *description = json_string (root, "description");
    feed->description = tp_feed_html_to_text (description);
  }

  items = json_object_get_member (root, "items");
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autoptr(TpFeedEntry) entry = NULL;
          JsonObject *item;
          g_autofree char *url = NULL;
          g_autofree char *html = NULL;
          g_autofree char *summary = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          item = json_node_get_object (node);
          entry = tp_feed_entry_new ();
          entry->id = json_string (item, "id");
          {
            g_autofree char *title = json_string (item, "title");
            entry->title = tidy_text (title);
          }
          url = json_string (item, "url");
          if (url == NULL)
            url = json_string (item, "external_url");
          entry->link = tp_feed_resolve_url (base, url);
          entry->author = json_author (item);
          if (entry->author == NULL)
            entry->author = json_author (root);
          entry->published = json_date (item, "date_published");
          entry->updated = json_date (item, "date_modified");
          html = json_string (item, "content_html");
          if (html != NULL)
            entry->content = tp_feed_html_to_text (html);
          else
            {
              g_autofree char *plain = json_string (item, "content_text");
              entry->content = tidy_text (plain);
            }
          summary = json_string (item, "summary");
          entry->summary = tp_feed_html_to_text (summary);
          finish_entry (entry);
          g_ptr_array_add (feed->entries, g_steal_pointer (&entry));
        }
    }
  return g_steal_pointer (&feed);

not_a_feed:
  g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_NOT_A_FEED,
               _("This document is JSON but not a JSON Feed (no jsonfeed.org version)."));
  return NULL;
}

/* Public API */

/**
 * tp_feed_html_to_text:
 * @html: (nullable): HTML, or plain text with entities
 *
 * Reduces markup to its readable text: blocks become lines, scripts,
 * styles, forms and embedded objects disappear, entities are decoded. The
 * result holds no markup at all, so it is safe to show anywhere.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when nothing is
 *   left
 */
char *
tp_feed_html_to_text (const char *html)
{
  htmlDocPtr doc;
  g_autoptr(GString) out = NULL;
  xmlNode *root;

  if (html == NULL)
    return NULL;
  if (strchr (html, '<') == NULL && strchr (html, '&') == NULL)
    return tidy_text (html);

  ensure_libxml ();
  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc == NULL)
    return NULL;
  out = g_string_new (NULL);
  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    collect_text (root, out);
  xmlFreeDoc (doc);
  return tidy_text (out->str);
}

/* GLib 2.74 raises a critical (and builds no string) for a URI that has a
 * host but a path not starting with "/", which the relaxed parser accepts
 * from malformed input such as a ';' inside the host name. Such a URI can
 * be neither a base nor a link. */
static gboolean
uri_is_joinable (GUri *uri)
{
  const char *path = g_uri_get_path (uri);

  if (g_uri_get_host (uri) == NULL)
    {
      /* Without a host, a path starting "//" would read back as one: GLib
       * refuses to build that string too. */
      return path[0] != '/' || path[1] != '/';
    }
  return path[0] == '\0' || path[0] == '/';
}

/* Resolves @link against @base, or returns NULL when either is malformed or
 * the result is a URI GLib would refuse to write out (a base without a host
 * and a link whose dot segments leave a path starting "//", say). */
static char *
resolve_relative (const char *base,
                  const char *link)
{
  g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autoptr(GUri) resolved = NULL;

  if (base_uri == NULL || !uri_is_joinable (base_uri))
    return NULL;
  resolved = g_uri_parse_relative (base_uri, link, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (resolved == NULL || !uri_is_joinable (resolved))
    return NULL;
  return g_uri_to_string (resolved);
}

static gboolean
uri_string_is_joinable (const char *str)
{
  g_autoptr(GUri) uri = g_uri_parse (str, G_URI_FLAGS_PARSE_RELAXED, NULL);

  return uri != NULL && uri_is_joinable (uri);
}

/**
 * tp_feed_resolve_url:
 * @base: (nullable): the base address (xml:base, or the feed's own)
 * @link: (nullable): a link as written in the feed
 *
 * Returns: (transfer full) (nullable): @link made absolute against @base
 *   when possible, @link itself otherwise; %NULL for empty links and for
 *   schemes other than http, https and ftp (javascript:, data:, file:...)
 */
char *
tp_feed_resolve_url (const char *base,
                     const char *link)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *resolved = NULL;
  const char *scheme;

  if (link == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (link));
  if (*trimmed == '\0')
    return NULL;

  if (g_uri_peek_scheme (trimmed) != NULL)
    {
      if (!uri_string_is_joinable (trimmed))
        return NULL;
    }
  else if (base != NULL && *base != '\0')
    resolved = resolve_relative (base, trimmed);
  if (resolved == NULL)
    resolved = g_steal_pointer (&trimmed);

  scheme = g_uri_peek_scheme (resolved);
  if (scheme != NULL && !g_str_equal (scheme, "http") && !g_str_equal (scheme, "https") &&
      !g_str_equal (scheme, "ftp"))
    {
      /* Links are followed later: only web links are worth keeping. */
      return NULL;
    }
  if (scheme != NULL)
    {
      /* Host names are case-insensitive; one spelling keeps duplicates
       * recognisable. */
      char *host = strstr (resolved, "://");

      if (host != NULL)
        {
          for (char *p = resolved; p < host; p++)
            *p = g_ascii_tolower (*p);
          for (host += 3; *host && strchr ("/?#:@", *host) == NULL; host++)
            *host = g_ascii_tolower (*host);
        }
    }
  return g_steal_pointer (&resolved);
}

/**
 * tp_feed_parse:
 * @data: the document
 * @len: its length in bytes
 * @base_url: (nullable): the address it was fetched from, to resolve
 *   relative links against
 * @charset: (nullable): the character set found by the fetcher; %NULL lets
 *   the document's own declaration decide
 * @error: return location for an error in the %TP_FEED_ERROR domain
 *
 * Parses RSS 0.9x, 1.0 and 2.0, Atom 1.0 and JSON Feed 1.0 and 1.1.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set
 */
TpFeedDocument *
tp_feed_parse (const guint8  *data,
               gsize          len,
               const char    *base_url,
               const char    *charset,
               GError       **error)
{
  gsize start = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > TP_FEED_MAX_BYTES)
    {
      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_TOO_LARGE,
                   _("The feed is larger than %d MB; Triptych did not read it."),
                   TP_FEED_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    start = 3;
  while (start < len && g_ascii_isspace (data[start]))
    start++;
  if (start >= len)
    {
      g_set_error (error, TP_FEED_ERROR, TP_FEED_ERROR_EMPTY, _("The feed is empty."));
      return NULL;
    }

  /* A JSON document is an object or an array (never XML): an array is JSON
   * that is not a feed, not a malformed XML one. */
  if (data[start] == '{' || data[start] == '[')
    {
      g_autofree char *utf8 = NULL;

      if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0)
        utf8 = g_convert ((const char *) data + start, len - start, "UTF-8", charset,
                          NULL, NULL, NULL);
      if (utf8 != NULL)
        return parse_json (utf8, strlen (utf8), base_url, error);
      return parse_json ((const char *) data + start, len - start, base_url, error);
    }

  return parse_xml (data, len, base_url, charset, error);
}

/**
 * tp_feed_parse_bytes:
 *
 * Like tp_feed_parse(), for a #GBytes.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set
 */
TpFeedDocument *
tp_feed_parse_bytes (GBytes      *bytes,
                     const char  *base_url,
                     const char  *charset,
                     GError     **error)
{
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  return tp_feed_parse (data, len, base_url, charset, error);
}
