import { Menu, type MenuItemConstructorOptions } from 'electron';

// A small menu: the standard edit roles (copy/paste in forms) and Lock on Ctrl/Cmd+L. The renderer also
// binds Ctrl/Cmd+L so the harness, which has no native menu, behaves the same.
export function buildMenu(lockNow: () => void): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'Amparo',
      submenu: [
        { label: 'Lock now', accelerator: 'CmdOrCtrl+L', click: lockNow },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
