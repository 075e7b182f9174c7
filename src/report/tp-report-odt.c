/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-odt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tp-report-private.h"

/* OpenDocument Text for LibreOffice and Word users: a ZIP package with
 * the mimetype first and stored, a manifest, meta.xml, styles.xml (the
 * landscape page) and content.xml (the header, then the topic × side
 * table in the sides' colours). Entries are stored uncompressed, which
 * ODF allows, so the package needs nothing beyond a CRC-32. */

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

struct _TpReportOdt
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportOdt, _tp_report_odt, TP, REPORT_ODT, GObject)

static void tp_report_odt_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportOdt, _tp_report_odt, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_odt_writer_init))

typedef struct
{
  char   *name;
  guint32 crc;
  guint32 size;
  guint32 offset;
} ZipEntry;

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GArray        *entries;   /* ZipEntry */
  guint32        offset;
  guint16        dos_time;
  guint16        dos_date;
} ZipWriter;

/* Auxiliary methods: the package */

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  static guint32 table[256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint32 i = 0; i < 256; i++)
        {
          guint32 c = i;

          for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          table[i] = c;
        }
      g_once_init_leave (&initialised, 1);
    }
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
put16 (GByteArray *b,
       guint16     v)
{
  guint8 bytes[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, bytes, 2);
}

static void
put32 (GByteArray *b,
       guint32     v)
{
  guint8 bytes[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (b, bytes, 4);
}

static gboolean
zip_add (ZipWriter   *zip,
         const char  *name,
         const char  *data,
         gsize        len,
         GError     **error)
{
  g_autoptr(GByteArray) header = g_byte_array_new ();
  ZipEntry entry;

  if (len > G_MAXUINT32 - zip->offset)
    {
      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE, "%s",
                   _("The report is too large for an OpenDocument file"));
      return FALSE;
    }
  entry.name = g_strdup (name);
  entry.crc = crc32_update (0, (const guint8 *) data, len);
  entry.size = len;
  entry.offset = zip->offset;

  put32 (header, 0x04034b50);
  put16 (header, 10);            /* version needed: stored */
  put16 (header, 0);             /* flags */
  put16 (header, 0);             /* method: stored */
  put16 (header, zip->dos_time);
  put16 (header, zip->dos_date);
  put32 (header, entry.crc);
  put32 (header, entry.size);
  put32 (header, entry.size);
  put16 (header, strlen (name));
  put16 (header, 0);             /* no extra field: the mimetype must sit at offset 38 */
  g_byte_array_append (header, (const guint8 *) name, strlen (name));

  if (!g_output_stream_write_all (zip->stream, header->data, header->len, NULL, zip->cancellable, error)
      || !g_output_stream_write_all (zip->stream, data, len, NULL, zip->cancellable, error))
    {
      g_free (entry.name);
      return FALSE;
    }
  zip->offset += header->len + len;
  g_array_append_val (zip->entries, entry);
  return TRUE;
}

static gboolean
zip_finish (ZipWriter  *zip,
            GError    **error)
{
  g_autoptr(GByteArray) dir = g_byte_array_new ();
  guint32 dir_size;

  for (guint i = 0; i < zip->entries->len; i++)
    {
      ZipEntry *e = &g_array_index (zip->entries, ZipEntry, i);

      put32 (dir, 0x02014b50);
      put16 (dir, 20);           /* made by: MS-DOS attributes, ZIP 2.0 */
      put16 (dir, 10);           /* version needed: stored */
      put16 (dir, 0);            /* flags */
      put16 (dir, 0);            /* method: stored */
      put16 (dir, zip->dos_time);
      put16 (dir, zip->dos_date);
      put32 (dir, e->crc);
      put32 (dir, e->size);
      put32 (dir, e->size);
      put16 (dir, strlen (e->name));
      put16 (dir, 0);            /* extra field */
      put16 (dir, 0);            /* comment */
      put16 (dir, 0);            /* disk */
      put16 (dir, 0);            /* internal attributes */
      put32 (dir, 0);            /* external attributes */
      put32 (dir, e->offset);
      g_byte_array_append (dir, (const guint8 *) e->name, strlen (e->name));
    }
  dir_size = dir->len;
  put32 (dir, 0x06054b50);
  put16 (dir, 0);
  put16 (dir, 0);
  put16 (dir, zip->entries->len);
  put16 (dir, zip->entries->len);
  put32 (dir, dir_size);
  put32 (dir, zip->offset);
  put16 (dir, 0);
  return g_output_stream_write_all (zip->stream, dir->data, dir->len, NULL, zip->cancellable, error);
}

/* Auxiliary methods: the document */

/* XML 1.0 forbids most control characters even as references, so they
 * are dropped; line breaks become ODF line breaks. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\n':
          g_string_append (out, "<text:line-break/>");
          break;
        case '\t':
          g_string_append (out, "<text:tab/>");
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
        }
    }
}

static void
append_paragraph (GString    *out,
                  const char *style,
                  const char *text)
{
  g_string_append_printf (out, "<text:p text:style-name=\"%s\">", style);
  append_text (out, text);
  g_string_append (out, "</text:p>");
}

static void
tint (const char *color,
      double      amount,
      char        out[8])
{
  guint rgb[3];

  color = _tp_report_safe_color (color);
  for (int i = 0; i < 3; i++)
    {
      guint v = strlen (color) == 4
                ? g_ascii_xdigit_value (color[1 + i]) * 17
                : g_ascii_xdigit_value (color[1 + 2 * i]) * 16 + g_ascii_xdigit_value (color[2 + 2 * i]);

      rgb[i] = v + (guint) ((255 - v) * amount);
    }
  g_snprintf (out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static gboolean
is_light (const char *color)
{
  char hex[8];
  guint r, g, b;

  tint (color, 0, hex);
  r = g_ascii_xdigit_value (hex[1]) * 16 + g_ascii_xdigit_value (hex[2]);
  g = g_ascii_xdigit_value (hex[3]) * 16 + g_ascii_xdigit_value (hex[4]);
  b = g_ascii_xdigit_value (hex[5]) * 16 + g_ascii_xdigit_value (hex[6]);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0 > 0.55;
}

static void
append_statement (GString               *out,
                  TpComparisonItem      *item,
                  const TpReportOptions *options)
{
  TpStatement *s = item->statement;
  TpArticle *a = item->article;
  g_autofree char *url = _tp_report_safe_url (a->url);
  g_autofree char *file = _tp_report_source_file (a);
  const char *date = _tp_report_item_date (item);
  const char *sep = "";

  append_paragraph (out, "TpQuote", s->text);

  g_string_append (out, "<text:p text:style-name=\"TpMeta\"><text:span text:style-name=\"TpBold\">");
  append_text (out, s->speaker != NULL ? s->speaker : (s->actor ? s->actor : _("Unknown speaker")));
  g_string_append (out, "</text:span>");
  if (s->actor != NULL && s->speaker != NULL && g_strcmp0 (s->actor, s->speaker) != 0)
    {
      g_string_append (out, " (");
      append_text (out, s->actor);
      g_string_append (out, ")");
    }
  g_string_append (out, " · ");
  append_text (out, _tp_report_kind_label (s->kind));
  if (date != NULL)
    {
      g_string_append (out, " · ");
      append_text (out, date);
    }
  g_string_append (out, "</text:p>");

  g_string_append (out, "<text:p text:style-name=\"TpCite\">");
  if (a->outlet != NULL)
    {
      append_text (out, a->outlet);
      sep = ", ";
    }
  if (a->title != NULL)
    {
      g_string_append_printf (out, "%s<text:span text:style-name=\"TpItalic\">", sep);
      append_text (out, a->title);
      g_string_append (out, "</text:span>");
      sep = ", ";
    }
  if (a->published != NULL)
    {
      g_string_append (out, sep);
      append_text (out, a->published);
      sep = ", ";
    }
  if (url != NULL)
    {
      g_string_append_printf (out, "%s<text:a xlink:type=\"simple\" xlink:href=\"", sep);
      append_text (out, url);
      g_string_append (out, "\">");
      append_text (out, url);
      g_string_append (out, "</text:a>");
    }
  else if (a->url != NULL && *a->url != '\0')
    {
      g_string_append (out, sep);
      append_text (out, a->url);
    }
  else if (file != NULL)
    {
      g_string_append (out, sep);
      append_text (out, file);
    }
  g_string_append (out, "</text:p>");

  g_string_append_printf (out, "<text:p text:style-name=\"TpReview%s\">",
                          tp_review_status_to_string (s->review));
  append_text (out, _tp_report_review_label (s->review));
  if (item->starred)
    {
      g_string_append (out, " · ★ ");
      append_text (out, _("Starred"));
    }
  g_string_append (out, "</text:p>");

  if (options->with_tags && item->tags != NULL && item->tags->len > 0)
    {
      g_autofree char *tags = _tp_report_join_tags (item, ", ");
      g_autofree char *line = g_strdup_printf (_("Tags: %s"), tags);

      append_paragraph (out, "TpCite", line);
    }
  if (options->with_notes && item->notes != NULL)
    for (guint i = 0; i < item->notes->len; i++)
      {
        TpNote *note = g_ptr_array_index (item->notes, i);
        g_autofree char *line = g_strdup_printf (_("Note (%s): %s"),
                                                 note->created ? note->created : "",
                                                 note->text ? note->text : "");

        append_paragraph (out, "TpNote", line);
      }
  append_paragraph (out, "TpGap", "");
}

static char *
build_content (TpComparison          *comparison,
               const TpReportOptions *options)
{
  GString *out = g_string_sized_new (64 * 1024);
  guint n_topics = tp_comparison_get_n_topics (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);
  g_autofree char *generated = _tp_report_generated_display (comparison);
  g_autoptr(GPtrArray) filters = _tp_report_describe_filters (comparison);
  g_autofree char *count = g_strdup_printf (_("Generated %s · %u statements"), generated,
                                            tp_comparison_get_n_statements (comparison));

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"" NS_OFFICE "\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.3\">\n"
    "<office:automatic-styles>\n"
    "<style:style style:name=\"TpTable\" style:family=\"table\">"
    "<style:table-properties style:width=\"25.7cm\" table:align=\"margins\"/></style:style>\n"
    "<style:style style:name=\"TpTopicColumn\" style:family=\"table-column\">"
    "<style:table-column-properties style:rel-column-width=\"2*\"/></style:style>\n"
    "<style:style style:name=\"TpSideColumn\" style:family=\"table-column\">"
    "<style:table-column-properties style:rel-column-width=\"5*\"/></style:style>\n"
    "<style:style style:name=\"TpTopicHead\" style:family=\"table-cell\">"
    "<style:table-cell-properties fo:background-color=\"#3d3d3d\" fo:padding=\"0.12cm\""
    " fo:border=\"0.5pt solid #b8b8b8\"/></style:style>\n"
    "<style:style style:name=\"TpTopicCell\" style:family=\"table-cell\">"
    "<style:table-cell-properties fo:background-color=\"#f2f2f2\" fo:padding=\"0.12cm\""
    " fo:border=\"0.5pt solid #b8b8b8\"/></style:style>\n");
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = tp_comparison_get_side (comparison, s);
      char light[8], full[8];

      tint (side->color, 0.9, light);
      tint (side->color, 0, full);
      g_string_append_printf (out,
        "<style:style style:name=\"TpSideHead%u\" style:family=\"table-cell\">"
        "<style:table-cell-properties fo:background-color=\"%s\" fo:padding=\"0.12cm\""
        " fo:border=\"0.5pt solid #b8b8b8\"/></style:style>\n"
        "<style:style style:name=\"TpSideCell%u\" style:family=\"table-cell\">"
        "<style:table-cell-properties fo:background-color=\"%s\" fo:padding=\"0.12cm\""
        " fo:border=\"0.5pt solid #b8b8b8\"/></style:style>\n"
        "<style:style style:name=\"TpSideName%u\" style:family=\"paragraph\">"
        "<style:text-properties fo:color=\"%s\" fo:font-weight=\"bold\" fo:font-size=\"10pt\"/>"
        "</style:style>\n",
        s, full, s, light, s, is_light (side->color) ? "#1d1d1d" : "#ffffff");
    }
  g_string_append (out, "</office:automatic-styles>\n<office:body><office:text>\n");

  g_string_append (out, "<text:h text:style-name=\"TpTitle\" text:outline-level=\"1\">");
  append_text (out, _tp_report_title (options));
  g_string_append (out, "</text:h>\n");
  append_paragraph (out, "TpHeader", count);
  for (guint i = 0; i < filters->len; i++)
    append_paragraph (out, "TpHeader", g_ptr_array_index (filters, i));
  g_string_append_c (out, '\n');

  if (tp_comparison_is_empty (comparison) || n_sides == 0)
    {
      append_paragraph (out, "TpEmpty", _tp_report_empty_message ());
      g_string_append (out, "\n</office:text></office:body></office:document-content>\n");
      return g_string_free (out, FALSE);
    }

  g_string_append (out, "<table:table table:name=\"Comparison\" table:style-name=\"TpTable\">\n"
                        "<table:table-column table:style-name=\"TpTopicColumn\"/>");
  g_string_append_printf (out, "<table:table-column table:style-name=\"TpSideColumn\""
                               " table:number-columns-repeated=\"%u\"/>\n", n_sides);
  g_string_append (out, "<table:table-header-rows><table:table-row>"
                        "<table:table-cell table:style-name=\"TpTopicHead\" office:value-type=\"string\">");
  append_paragraph (out, "TpTopicHeadText", _("Topic"));
  g_string_append (out, "</table:table-cell>");
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = tp_comparison_get_side (comparison, s);
      g_autofree char *style = g_strdup_printf ("TpSideName%u", s);

      g_string_append_printf (out, "<table:table-cell table:style-name=\"TpSideHead%u\""
                                   " office:value-type=\"string\">", s);
      append_paragraph (out, style, side->name != NULL ? side->name : side->key);
      g_string_append (out, "</table:table-cell>");
    }
  g_string_append (out, "</table:table-row></table:table-header-rows>\n");

  for (guint t = 0; t < n_topics; t++)
    {
      const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, t);

      if (tp_comparison_topic_is_empty (comparison, t))
        continue;
      g_string_append (out, "<table:table-row><table:table-cell table:style-name=\"TpTopicCell\""
                            " office:value-type=\"string\">");
      append_paragraph (out, "TpTopic", topic->name != NULL ? topic->name : topic->key);
      g_string_append (out, "</table:table-cell>");
      for (guint s = 0; s < n_sides; s++)
        {
          GPtrArray *cell = tp_comparison_get_cell (comparison, t, s);
          guint total = tp_comparison_get_cell_total (comparison, t, s);

          g_string_append_printf (out, "<table:table-cell table:style-name=\"TpSideCell%u\""
                                       " office:value-type=\"string\">", s);
          if (cell == NULL || cell->len == 0)
            append_paragraph (out, "TpNone", _("No statements"));
          for (guint i = 0; cell != NULL && i < cell->len; i++)
            append_statement (out, g_ptr_array_index (cell, i), options);
          if (cell != NULL && total > cell->len)
            {
              g_autofree char *more = g_strdup_printf (_("Showing the newest %u of %u statements"),
                                                       cell->len, total);
              append_paragraph (out, "TpNone", more);
            }
          g_string_append (out, "</table:table-cell>");
        }
      g_string_append (out, "</table:table-row>\n");
    }
  g_string_append (out, "</table:table>\n</office:text></office:body></office:document-content>\n");
  return g_string_free (out, FALSE);
}

static char *
build_styles (const TpReportOptions *options)
{
  gboolean letter = options->paper == TP_REPORT_PAPER_LETTER;

  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles xmlns:office=\"" NS_OFFICE "\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " office:version=\"1.3\">\n"
    "<office:font-face-decls>"
    "<style:font-face style:name=\"Noto Sans\" style:font-family-generic=\"swiss\"/>"
    "</office:font-face-decls>\n"
    "<office:styles>\n"
    "<style:default-style style:family=\"paragraph\"><style:text-properties"
    " style:font-name=\"Noto Sans\" fo:font-size=\"9pt\"/></style:default-style>\n"
    "<style:style style:name=\"TpTitle\" style:family=\"paragraph\"><style:text-properties"
    " fo:font-size=\"16pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"TpHeader\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#444444\"/></style:style>\n"
    "<style:style style:name=\"TpEmpty\" style:family=\"paragraph\"><style:paragraph-properties"
    " fo:margin-top=\"1cm\" fo:text-align=\"center\"/><style:text-properties fo:font-size=\"13pt\""
    " fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"TpTopic\" style:family=\"paragraph\"><style:text-properties"
    " fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"TpTopicHeadText\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#ffffff\" fo:font-weight=\"bold\" fo:font-size=\"10pt\"/></style:style>\n"
    "<style:style style:name=\"TpQuote\" style:family=\"paragraph\"><style:text-properties"
    " fo:font-size=\"9.5pt\"/></style:style>\n"
    "<style:style style:name=\"TpMeta\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#444444\" fo:font-size=\"8pt\"/></style:style>\n"
    "<style:style style:name=\"TpCite\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#555555\" fo:font-size=\"7.5pt\"/></style:style>\n"
    "<style:style style:name=\"TpNote\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#333333\" fo:font-size=\"7.5pt\" fo:font-style=\"italic\"/></style:style>\n"
    "<style:style style:name=\"TpNone\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#888888\" fo:font-style=\"italic\"/></style:style>\n"
    "<style:style style:name=\"TpGap\" style:family=\"paragraph\"><style:text-properties"
    " fo:font-size=\"4pt\"/></style:style>\n"
    "<style:style style:name=\"TpReviewauto\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#6a6a6a\" fo:font-size=\"7.5pt\"/></style:style>\n"
    "<style:style style:name=\"TpReviewconfirmed\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#1c7a34\" fo:font-size=\"7.5pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"TpReviewedited\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#1a4fa0\" fo:font-size=\"7.5pt\"/></style:style>\n"
    "<style:style style:name=\"TpReviewrejected\" style:family=\"paragraph\"><style:text-properties"
    " fo:color=\"#a51d12\" fo:font-size=\"7.5pt\"/></style:style>\n"
    "<style:style style:name=\"TpBold\" style:family=\"text\"><style:text-properties"
    " fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"TpItalic\" style:family=\"text\"><style:text-properties"
    " fo:font-style=\"italic\"/></style:style>\n"
    "</office:styles>\n"
    "<office:automatic-styles><style:page-layout style:name=\"TpPage\">"
    "<style:page-layout-properties fo:page-width=\"%s\" fo:page-height=\"%s\""
    " style:print-orientation=\"landscape\" fo:margin=\"1.2cm\"/></style:page-layout>"
    "</office:automatic-styles>\n"
    "<office:master-styles><style:master-page style:name=\"Standard\""
    " style:page-layout-name=\"TpPage\"/></office:master-styles>\n"
    "</office:document-styles>\n",
    letter ? "27.94cm" : "29.7cm", letter ? "21.59cm" : "21cm");
}

static char *
build_meta (TpComparison          *comparison,
            const TpReportOptions *options)
{
  g_autoptr(GString) title = g_string_new (NULL);

  append_text (title, _tp_report_title (options));
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-meta xmlns:office=\"" NS_OFFICE "\""
    " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">"
    "<office:meta><meta:generator>Triptych/" PACKAGE_VERSION "</meta:generator>"
    "<dc:title>%s</dc:title><meta:creation-date>%s</meta:creation-date></office:meta>"
    "</office:document-meta>\n",
    title->str, tp_comparison_get_generated (comparison) ? tp_comparison_get_generated (comparison) : "");
}

static const char manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
  " manifest:version=\"1.3\">\n"
  " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\""
  " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
  " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
  "</manifest:manifest>\n";

static const char mimetype[] = "application/vnd.oasis.opendocument.text";

static gboolean
tp_report_odt_write (TpReportWriter        *writer,
                     TpComparison          *comparison,
                     const TpReportOptions *options,
                     GOutputStream         *stream,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autofree char *content = build_content (comparison, options);
  g_autofree char *styles = build_styles (options);
  g_autofree char *meta = build_meta (comparison, options);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) local_error = NULL;
  ZipWriter zip = { stream, cancellable, g_array_new (FALSE, FALSE, sizeof (ZipEntry)), 0, 0, 0 };
  gboolean ok;

  zip.dos_time = (g_date_time_get_hour (now) << 11) | (g_date_time_get_minute (now) << 5)
                 | (g_date_time_get_second (now) / 2);
  zip.dos_date = ((MAX (g_date_time_get_year (now), 1980) - 1980) << 9)
                 | (g_date_time_get_month (now) << 5) | g_date_time_get_day_of_month (now);

  ok = zip_add (&zip, "mimetype", mimetype, strlen (mimetype), &local_error)
       && zip_add (&zip, "META-INF/manifest.xml", manifest, strlen (manifest), &local_error)
       && zip_add (&zip, "meta.xml", meta, strlen (meta), &local_error)
       && zip_add (&zip, "styles.xml", styles, strlen (styles), &local_error)
       && zip_add (&zip, "content.xml", content, strlen (content), &local_error)
       && zip_finish (&zip, &local_error);

  for (guint i = 0; i < zip.entries->len; i++)
    g_free (g_array_index (zip.entries, ZipEntry, i).name);
  g_array_unref (zip.entries);
  if (!ok)
    {
      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE,
                   _("Could not write the report: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
tp_report_odt_get_extension (TpReportWriter *writer)
{
  return "odt";
}

static const char *
tp_report_odt_get_content_type (TpReportWriter *writer)
{
  return mimetype;
}

/* GObject overrides */

static void
tp_report_odt_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_odt_get_extension;
  iface->get_content_type = tp_report_odt_get_content_type;
  iface->write = tp_report_odt_write;
}

static void
_tp_report_odt_class_init (TpReportOdtClass *klass)
{
}

static void
_tp_report_odt_init (TpReportOdt *self)
{
}
