import { OutboxTable } from "@/components/mail/outbox-table";
import { SmtpBanner } from "@/components/mail/smtp-banner";
import { PageHeader } from "@/components/ui/page-header";
import { config } from "@/lib/config";

export const metadata = { title: "Outbox" };

// Every mail the platform wrote. Whether it leaves the platform is the server's configuration,
// read here on the server: without SMTP_URL mail stays in this outbox, and the page says so.
export default function AdminOutboxPage() {
  const smtpConfigured = !!config().SMTP_URL;
  return (
    <>
      <PageHeader
        title="Outbox"
        description={smtpConfigured ? "Mail sent to users (notifications by email), with its delivery status." : "Mail written for users (notifications by email)."}
      />
      {!smtpConfigured && <SmtpBanner />}
      <OutboxTable smtpConfigured={smtpConfigured} />
    </>
  );
}
