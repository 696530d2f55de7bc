// Placeholder until the settings page lands (issue 3).
import { Box } from '@mui/material';

export function SettingsPage() {
  return <Box sx={{ p: 2 }} data-testid="settings-page" />;
}
