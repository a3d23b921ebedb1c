const tones = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  yellow: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
} as const;

export type Tone = keyof typeof tones;

const statusTones: Record<string, Tone> = {
  active: "green",
  approved: "green",
  published: "green",
  succeeded: "green",
  paid: "green",
  enabled: "green",
  pending: "yellow",
  expiring: "yellow",
  in_review: "yellow",
  submitted: "yellow",
  failed: "red",
  suspended: "red",
  revoked: "red",
  rejected: "red",
  dead: "red",
  disabled: "gray",
};

export function Badge({ children, tone }: { children: string; tone?: Tone }) {
  const t = tone ?? statusTones[children] ?? "gray";
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[t]}`}>
      {children.replace(/_/g, " ")}
    </span>
  );
}
