/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-opml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/tree.h>
#include <string.h>

#include "tp-feed-private.h"
#include "tp-fetcher.h"
#include "tp-opml.h"

G_DEFINE_QUARK (tp-opml-error-quark, tp_opml_error)

G_DEFINE_BOXED_TYPE (TpOpmlOutline, tp_opml_outline, tp_opml_outline_copy, tp_opml_outline_free)

/* Auxiliary methods */

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text;

  if (value == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) value));
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* Folders of outlines nest to any depth; only outlines with an xmlUrl are
 * subscriptions. */
static void
collect_outlines (xmlNode    *parent,
                  GPtrArray  *out,
                  GHashTable *seen,
                  guint      *skipped)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *url = NULL;

      if (node->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) node->name, "outline"))
        continue;

      url = get_attr (node, "xmlUrl");
      if (url == NULL)
        url = get_attr (node, "xmlurl");
      if (url != NULL)
        {
          g_autofree char *title = get_attr (node, "title");
          g_autofree char *html_url = get_attr (node, "htmlUrl");

          if (title == NULL)
            title = get_attr (node, "text");
          if (!tp_fetcher_is_web_url (url))
            (*skipped)++;
          else if (g_hash_table_add (seen, g_strdup (url)))
            g_ptr_array_add (out, tp_opml_outline_new (url, title,
                                                       tp_fetcher_is_web_url (html_url) ? html_url
                                                                                        : NULL));
        }
      collect_outlines (node, out, seen, skipped);
    }
}

/* Public API */

/**
 * tp_opml_outline_new:
 * @url: the feed's address
 * @title: (nullable): its title
 * @html_url: (nullable): its site's address
 *
 * Returns: (transfer full): a new outline
 */
TpOpmlOutline *
tp_opml_outline_new (const char *url,
                     const char *title,
                     const char *html_url)
{
  TpOpmlOutline *self = g_new0 (TpOpmlOutline, 1);

  g_return_val_if_fail (url != NULL, NULL);

  self->url = g_strdup (url);
  self->title = g_strdup (title);
  self->html_url = g_strdup (html_url);
  return self;
}

TpOpmlOutline *
tp_opml_outline_copy (const TpOpmlOutline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return tp_opml_outline_new (self->url, self->title, self->html_url);
}

void
tp_opml_outline_free (TpOpmlOutline *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->title);
  g_free (self->html_url);
  g_free (self);
}

/**
 * tp_opml_parse:
 * @data: an OPML document
 * @len: its length
 * @out_skipped: (out) (optional): outlines left out because their address
 *   is not http(s)
 * @error: return location for an error
 *
 * Reads the subscriptions of an OPML file with the same XML safeguards as
 * feeds (no entities, no network, no DTD). Duplicate addresses are kept
 * once.
 *
 * Returns: (transfer full) (element-type TpOpmlOutline): the subscriptions
 */
GPtrArray *
tp_opml_parse (const guint8  *data,
               gsize          len,
               guint         *out_skipped,
               GError       **error)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlDoc *doc;
  xmlNode *root;
  guint skipped = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  doc = len > 0 ? _tp_feed_read_xml (data, len, NULL, NULL, &local_error) : NULL;
  if (doc == NULL)
    {
      g_set_error (error, TP_OPML_ERROR, TP_OPML_ERROR_MALFORMED,
                   _("The subscription list could not be read: %s"),
                   local_error != NULL ? local_error->message : _("the file is empty."));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_ascii_strcasecmp ((const char *) root->name, "opml") != 0)
    {
      xmlFreeDoc (doc);
      g_set_error (error, TP_OPML_ERROR, TP_OPML_ERROR_NOT_OPML,
                   _("This file is not an OPML subscription list."));
      return NULL;
    }

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_opml_outline_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, "body"))
      collect_outlines (node, outlines, seen, &skipped);
  xmlFreeDoc (doc);

  if (out_skipped != NULL)
    *out_skipped = skipped;
  return g_steal_pointer (&outlines);
}

/**
 * tp_opml_write:
 * @outlines: (element-type TpOpmlOutline): the subscriptions
 * @title: (nullable): the document's title
 *
 * Returns: (transfer full): an OPML 2.0 document, UTF-8
 */
char *
tp_opml_write (GPtrArray  *outlines,
               const char *title)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *escaped_title = NULL;

  g_return_val_if_fail (outlines != NULL, NULL);

  escaped_title = g_markup_escape_text (title != NULL ? title : "Triptych subscriptions", -1);
  g_string_append (out, "<opml version=\"2.0\">\n  <head>\n");
  g_string_append_printf (out, "    <title>%s</title>\n", escaped_title);
  g_string_append_printf (out, "    <dateCreated>%s</dateCreated>\n", date);
  g_string_append (out, "  </head>\n  <body>\n");
  for (guint i = 0; i < outlines->len; i++)
    {
      TpOpmlOutline *o = g_ptr_array_index (outlines, i);
      g_autofree char *url = g_markup_escape_text (o->url, -1);
      g_autofree char *text = g_markup_escape_text (o->title != NULL ? o->title : o->url, -1);

      g_string_append_printf (out, "    <outline type=\"rss\" text=\"%s\" title=\"%s\" "
                                   "xmlUrl=\"%s\"",
                              text, text, url);
      if (o->html_url != NULL)
        {
          g_autofree char *html_url = g_markup_escape_text (o->html_url, -1);
          g_string_append_printf (out, " htmlUrl=\"%s\"", html_url);
        }
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </body>\n</opml>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
