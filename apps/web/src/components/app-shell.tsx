'use client';

import { ThemeToggle, cn } from '@platform/ui';
import {
  Bot,
  Coins,
  FileText,
  Inbox,
  LayoutDashboard,
  Lightbulb,
  Menu,
  MessagesSquare,
  Rocket,
  Settings,
  Sparkles,
  Users,
  Video,
  X,
  type LucideIcon,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { SignOutButton } from './sign-out-button';

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /**
   * Opened as a new document, not by client-side navigation: a document keeps the
   * Permissions-Policy it was loaded with, and only meeting pages may use camera and microphone.
   */
  newDocument?: boolean;
}

const nav: NavItem[] = [
  { href: '/onboarding', label: 'Get started', icon: Rocket },
  { href: '/overview', label: 'Overview', icon: LayoutDashboard },
  { href: '/widgets', label: 'Widgets', icon: Bot },
  { href: '/knowledge', label: 'Knowledge', icon: FileText },
  { href: '/personalities', label: 'Personalities', icon: Sparkles },
  { href: '/inbox', label: 'Inbox', icon: Inbox },
  { href: '/conversations', label: 'Conversations', icon: MessagesSquare },
  { href: '/insights', label: 'Insights', icon: Lightbulb },
  { href: '/costs', label: 'Costs', icon: Coins },
  { href: '/meetings', label: 'Meetings', icon: Video, newDocument: true },
  { href: '/team', label: 'Team', icon: Users },
  { href: '/settings', label: 'Settings', icon: Settings },
];

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="grid gap-0.5">
      {nav.map(({ href, label, icon: Icon, newDocument }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        const Anchor = newDocument ? 'a' : Link;
        return (
          <li key={href}>
            <Anchor
              href={href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
                active &&
                  'bg-accent text-accent-foreground hover:bg-accent hover:text-accent-foreground',
              )}
            >
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </Anchor>
          </li>
        );
      })}
    </ul>
  );
}

export interface ShellUser {
  name: string | null;
  email: string;
  role: string;
  tenantName: string;
}

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const sidebar = (
    <div className="flex h-full flex-col gap-4 p-4">
      <Link
        href="/overview"
        className="flex items-center gap-2 px-2 text-lg font-semibold focus-visible:outline-2 focus-visible:outline-ring"
      >
        <span
          aria-hidden="true"
          className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
        >
          P
        </span>
        Platform
      </Link>
      <p className="truncate px-2 text-xs text-muted-foreground" title={user.tenantName}>
        {user.tenantName}
      </p>
      <nav aria-label="Main" className="flex-1 overflow-y-auto">
        <NavLinks onNavigate={() => setOpen(false)} />
      </nav>
      <div className="grid min-w-0 gap-3 border-t pt-4">
        <div className="min-w-0 px-2">
          <p className="truncate text-sm font-medium">{user.name ?? user.email}</p>
          <p className="truncate text-xs text-muted-foreground">
            {user.name ? `${user.email} · ` : ''}
            <span className="capitalize">{user.role}</span>
          </p>
        </div>
        <div className="flex items-center justify-between gap-2 px-2">
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </div>
  );

  return (
    <div className="min-h-screen bg-background">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-60 border-r bg-card lg:block">
        {sidebar}
      </aside>
      {open ? (
        <div className="fixed inset-0 z-40 lg:hidden">
          <button
            type="button"
            aria-label="Close menu"
            className="absolute inset-0 bg-black/40"
            onClick={() => setOpen(false)}
          />
          <aside className="absolute inset-y-0 left-0 w-64 border-r bg-card">{sidebar}</aside>
        </div>
      ) : null}
      <div className="lg:pl-60">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/90 px-4 backdrop-blur lg:hidden">
          <button
            type="button"
            aria-label={open ? 'Close menu' : 'Open menu'}
            aria-expanded={open}
            onClick={() => setOpen((v) => !v)}
            className="rounded-md p-2 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            {open ? (
              <X className="size-5" aria-hidden="true" />
            ) : (
              <Menu className="size-5" aria-hidden="true" />
            )}
          </button>
          <span className="font-semibold">Platform</span>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl px-4 py-8 focus:outline-none sm:px-6 lg:px-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
