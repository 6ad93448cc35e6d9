import { Button } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../app/preferences.js';

/** One tap into (or out of) elderly mode, on every page. */
export function ElderlyToggle() {
  const { t } = useTranslation();
  const { elderly, setElderly } = usePreferences();
  return (
    <Button
      className="lx-elderly-toggle"
      icon={<FontSizeOutlined />}
      aria-pressed={elderly}
      onClick={() => setElderly(!elderly)}
      data-testid="elderly-toggle"
      data-state={elderly ? 'on' : 'off'}
    >
      {elderly ? t('prefs.elderlyOff') : t('prefs.elderlyOn')}
    </Button>
  );
}
