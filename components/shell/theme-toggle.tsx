"use client";

import { Check, Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { DropdownMenu as Menu } from "radix-ui";
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useMounted } from "./use-mounted";

const choices = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

/** Light, dark or the system's setting; next-themes stores the choice and sets the `dark` class before paint. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  // The stored theme is unknown on the server: render the neutral icon until hydrated.
  const current = choices.find((c) => c.value === (mounted ? theme : undefined));
  const Icon = current?.icon ?? Monitor;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Theme: ${current?.label ?? "System"}`}
        className="inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Icon aria-hidden className="size-4" />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <Menu.RadioGroup value={mounted ? (theme ?? "system") : ""} onValueChange={setTheme}>
          {choices.map(({ value, label, icon: ChoiceIcon }) => (
            <Menu.RadioItem
              key={value}
              value={value}
              className="flex cursor-pointer select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 data-[state=checked]:font-medium data-[state=checked]:text-brand-700"
            >
              <ChoiceIcon aria-hidden className="size-4" />
              {label}
              <Menu.ItemIndicator className="ml-auto">
                <Check aria-hidden className="size-4" />
              </Menu.ItemIndicator>
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
