// The one layout every Burrow e-mail uses (React Email): heading, paragraphs, facts, one button, and a
// footer with the unsubscribe link. React escapes every value; the plain-text part is derived from the
// same HTML by @react-email/render, so both parts always say the same and carry the same links.
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import { render } from "@react-email/render";
import type { EmailContent } from "./content";

export interface EmailFooter {
  /** What the unsubscribe link switches off, e.g. "A stay starts tomorrow". */
  kindLabel: string;
  unsubscribeUrl: string;
  /** The account page, where every kind can be switched on and off. */
  settingsUrl: string;
}

const colors = { text: "#1f2933", muted: "#52606d", accent: "#0b6e4f" };

export function BurrowEmail({ content, footer }: { content: EmailContent; footer: EmailFooter }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{content.preview}</Preview>
      <Body style={{ backgroundColor: "#f5f7fa", color: colors.text, fontFamily: "system-ui, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Text style={{ color: colors.accent, fontWeight: 700, margin: 0 }}>Burrow</Text>
          <Heading as="h1" style={{ fontSize: "22px" }}>
            {content.heading}
          </Heading>
          {content.paragraphs.map((paragraph) => (
            <Text key={paragraph}>{paragraph}</Text>
          ))}
          <Section>
            {content.facts.map((fact) => (
              <Text key={fact.label} style={{ margin: "4px 0" }}>
                <span style={{ color: colors.muted }}>{fact.label}:</span> {fact.value}
              </Text>
            ))}
          </Section>
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={content.action.url}
              style={{ backgroundColor: colors.accent, borderRadius: "6px", color: "#ffffff", padding: "12px 20px" }}
            >
              {content.action.label}
            </Button>
          </Section>
          <Text style={{ color: colors.muted, fontSize: "13px" }}>
            Or open this address: <Link href={content.action.url}>{content.action.url}</Link>
          </Text>
          <Hr />
          <Text style={{ color: colors.muted, fontSize: "12px" }}>
            You get this e-mail because “{footer.kindLabel}” is switched on for your Burrow account.{" "}
            <Link href={footer.unsubscribeUrl}>Stop these e-mails</Link> or{" "}
            <Link href={footer.settingsUrl}>choose which e-mails you get</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The HTML and plain-text parts of one e-mail. */
export async function renderEmail(content: EmailContent, footer: EmailFooter): Promise<{ html: string; text: string }> {
  const email = <BurrowEmail content={content} footer={footer} />;
  const [html, text] = await Promise.all([render(email), render(email, { plainText: true })]);
  return { html, text };
}
