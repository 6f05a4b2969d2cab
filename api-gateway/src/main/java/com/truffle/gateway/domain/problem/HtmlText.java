package com.truffle.gateway.domain.problem;

/** Text in HTML (element content and attribute values): the five characters that could break out, escaped. */
public final class HtmlText {

    public static StringBuilder escape(StringBuilder sb, String text) {
        if (text == null) {
            return sb;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb;
    }

    public static String escape(String text) {
        return escape(new StringBuilder(), text).toString();
    }

    private HtmlText() {
    }
}
