import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATIONS, type Person, type Report, type Volunteer } from '../../shared/model';
import { COUNTIES_NORCAL } from '../../shared/records/places';
import type { ChannelInput } from '../../shared/ipc';
import { call } from '../api';
import { useDates, useEnumOptions } from '../app/format';
import { useNavigation } from '../app/navigation';
import { pause } from '../app/latest';
import { runTask, useAction, useCall, useLoad } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { useDraft } from '../app/useDraft';
import { SelectField } from '../components/SelectField';

// Hotline reports of enforcement activity: log one fast, dispatch volunteers, link the people detained.
export function ReportsScreen() {
  const { location } = useNavigation();
  return location.id ? <ReportDetail id={location.id} /> : <ReportList />;
}
