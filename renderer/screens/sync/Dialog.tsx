// The app's one modal dialog lives in components/; this path stays for the screens that import it here.
export { Dialog } from '../../components/Dialog';
