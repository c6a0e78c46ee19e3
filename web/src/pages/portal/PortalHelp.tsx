/** Telling a safety concern once, and updating phone, address and language on every case. */
import { useState, type FormEvent } from 'react';
import { client, must } from '../../api';
import { field } from '../../components/bind';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { usePortalText, type PortalLanguage } from '../../i18n';
import { myRequestsKey, useParent } from './PortalHome';
import { PortalError } from './PortalFrame';

export function PortalHelpPage() {
  const { t } = usePortalText();
  const isParent = useParent();
  if (!isParent) return null;
  return (
    <Page title={t('help.title')} intro={t('help.intro')}>
      <SafetyForm />
      <ContactForm />
    </Page>
  );
}

function SafetyForm() {
  const { t } = usePortalText();
  const [message, setMessage] = useState('');
  const tell = useAction(
    () => must(client.POST('/api/portal/requests', { body: { kind: 'safety_concern', ...(message.trim() ? { message: message.trim() } : {}) } })),
    [myRequestsKey],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    tell.mutate();
  };
  return (
    <section aria-labelledby="safety" className="portal-section">
      <h2 id="safety">{t('help.safetyTitle')}</h2>
      <div className="usa-alert usa-alert--info usa-alert--slim">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{t('help.emergency')}</p>
        </div>
      </div>
      <p>{t('help.safetyHelp')}</p>
      <p className="font-sans-xs">{t('help.safetyWho')}</p>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <PortalError error={tell.error} />
        <label className="usa-label" htmlFor="safety-message">
          {t('help.safetyMessage')}
        </label>
        <textarea className="usa-textarea" id="safety-message" value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} />
        <button className="usa-button margin-top-2 portal-wide-button" type="submit" disabled={tell.isPending || tell.isSuccess}>
          {tell.isPending ? t('case.sending') : t('help.safetySubmit')}
        </button>
        <p role="status" className="margin-y-1">
          {tell.isSuccess ? t('help.safetyDone') : null}
        </p>
      </form>
    </section>
  );
}

function ContactForm() {
  const { t, language } = usePortalText();
  const [phone, setPhone] = useState('');
  const [addressLine1, setAddress] = useState('');
  const [city, setCity] = useState('');
  const [zip, setZip] = useState('');
  const [writeIn, setWriteIn] = useState<PortalLanguage>(language);
  const save = useAction(() => {
    const given = Object.fromEntries(
      Object.entries({ phone, addressLine1, city, zip })
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    return must(client.POST('/api/portal/requests', { body: { kind: 'contact_update', ...given, language: writeIn } }));
  }, [myRequestsKey]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="contact" className="portal-section">
      <h2 id="contact">{t('help.contactTitle')}</h2>
      <p>{t('help.contactHelp')}</p>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <PortalError error={save.error} />
        <TextField id="phone" label={t('help.phone')} type="tel" autoComplete="tel" {...field(phone, setPhone)} />
        <TextField id="addressLine1" label={t('help.address')} autoComplete="street-address" {...field(addressLine1, setAddress)} />
        <TextField id="city" label={t('help.city')} autoComplete="address-level2" {...field(city, setCity)} />
        <TextField id="zip" label={t('help.zip')} inputMode="numeric" maxLength={5} autoComplete="postal-code" {...field(zip, setZip)} />
        <label className="usa-label" htmlFor="write-in">
          {t('help.language')}
        </label>
        <select className="usa-select" id="write-in" value={writeIn} onChange={(e) => setWriteIn(e.target.value === 'es' ? 'es' : 'en')}>
          <option value="en">{t('languages.en')}</option>
          <option value="es">{t('languages.es')}</option>
        </select>
        <button className="usa-button margin-top-2 portal-wide-button" type="submit" disabled={save.isPending}>
          {save.isPending ? t('help.saving') : t('help.contactSubmit')}
        </button>
        <p role="status" className="margin-y-1">
          {save.isSuccess ? t('help.contactDone') : null}
        </p>
      </form>
    </section>
  );
}
