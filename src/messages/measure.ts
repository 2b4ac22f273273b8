import type { Table } from './table.js';

/** Messages of `src/measure` (sensors, samplers, sessions, run reports), [English, French]. */
export const MEASURE = {
  // Samplers.
  'measure.nvmlMissing': [
    'cannot load {path}: no such file',
    'impossible de charger {path} : fichier absent',
  ],
  'measure.nvmlLoad': ['cannot load {path}: {cause}', 'impossible de charger {path} : {cause}'],
  'measure.nvmlLoadFix': [
    'install the NVIDIA driver, or set EMPREINTE_NVML_LIB to the full path of libnvidia-ml.so.1',
    'installez le pilote NVIDIA, ou donnez à EMPREINTE_NVML_LIB le chemin complet de libnvidia-ml.so.1',
  ],
  'measure.nvmlInit': [
    'nvmlInit_v2 failed: {cause} (code {code})',
    'échec de nvmlInit_v2 : {cause} (code {code})',
  ],
  'measure.nvmlInitFix': [
    'check that the NVIDIA driver is loaded (nvidia-smi should list the GPUs)',
    'vérifiez que le pilote NVIDIA est chargé (nvidia-smi doit lister les GPU)',
  ],
  'measure.nvmlCount': ['nvmlDeviceGetCount_v2 failed: {cause}', 'échec de nvmlDeviceGetCount_v2 : {cause}'],
  'measure.nvmlCountFix': ['check the NVIDIA driver', 'vérifiez le pilote NVIDIA'],
  'measure.smiMissing': ['{path} not found', '{path} introuvable'],
  'measure.smiCannotRun': ['{path} cannot run: {cause}', '{path} ne peut pas s’exécuter : {cause}'],
  'measure.smiFix': [
    'install the NVIDIA driver utilities, or set EMPREINTE_NVIDIA_SMI to the path of nvidia-smi',
    'installez les utilitaires du pilote NVIDIA, ou donnez à EMPREINTE_NVIDIA_SMI le chemin de nvidia-smi',
  ],
  'measure.smiFailed': [
    '{path} failed (exit {code}): {cause}',
    'échec de {path} (code de sortie {code}) : {cause}',
  ],
  'measure.smiFailedFix': [
    'check that the NVIDIA driver is loaded',
    'vérifiez que le pilote NVIDIA est chargé',
  ],
  'measure.smiNoStream': [
    '{path} did not stream power readings for every GPU',
    '{path} n’a pas transmis de relevés de puissance pour chaque GPU',
  ],
  'measure.smiNoStreamFix': [
    'check that nvidia-smi reports power.draw',
    'vérifiez que nvidia-smi donne power.draw',
  ],
  'measure.raplAbsent': [
    '{path} does not exist (no powercap interface: not Linux, a virtual machine, or the intel_rapl_common module is not loaded)',
    '{path} n’existe pas (pas d’interface powercap : autre système que Linux, machine virtuelle, ou module intel_rapl_common non chargé)',
  ],
  'measure.raplAbsentFix': [
    'on bare-metal Linux: sudo modprobe intel_rapl_common (or intel_rapl on older kernels)',
    'sous Linux sur machine physique : sudo modprobe intel_rapl_common (ou intel_rapl sur les noyaux anciens)',
  ],
  'measure.raplNoPackage': [
    'no RAPL package domain under {path}',
    'aucun domaine RAPL de processeur sous {path}',
  ],
  'measure.raplNoPackageFix': [
    'on bare-metal Linux: sudo modprobe intel_rapl_common; virtual machines usually expose no RAPL',
    'sous Linux sur machine physique : sudo modprobe intel_rapl_common ; les machines virtuelles n’exposent en général pas RAPL',
  ],
  'measure.raplRootOnly': [
    '{count} RAPL energy counter(s) are readable by root only (since the CVE-2020-8694 fix): {files}',
    '{count} compteur(s) d’énergie RAPL lisible(s) par root seulement (depuis le correctif de CVE-2020-8694) : {files}',
  ],
  'measure.raplRootOnlyFix': [
    'sudo chmod o+r {path}/intel-rapl:*/energy_uj {path}/intel-rapl:*/intel-rapl:*:*/energy_uj (until reboot; a udev rule makes it permanent), or run empreinte as root',
    'sudo chmod o+r {path}/intel-rapl:*/energy_uj {path}/intel-rapl:*/intel-rapl:*:*/energy_uj (jusqu’au redémarrage ; une règle udev le rend permanent), ou lancez empreinte en root',
  ],
  // Sensors (what `doctor` prints and `run` warns about).
  'measure.nvmlNoGpu': ['NVML loaded; no GPU found', 'NVML chargée ; aucun GPU trouvé'],
  'measure.nvmlGpus': [
    '{count} GPU(s): {gpus}; energy counter on {counters} of {count}',
    '{count} GPU : {gpus} ; compteur d’énergie sur {counters} sur {count}',
  ],
  'measure.smiGpus': ['{count} GPU(s) report power.draw', '{count} GPU donnent power.draw'],
  'measure.planNvmlCounter': ['NVML energy counters', 'compteurs d’énergie NVML'],
  'measure.planNvmlPower': [
    'NVML power readings integrated over time (no energy counter on some GPUs: pre-Volta)',
    'relevés de puissance NVML intégrés dans le temps (pas de compteur d’énergie sur certains GPU : avant Volta)',
  ],
  'measure.planSmi': [
    'nvidia-smi power.draw integrated over time',
    'power.draw de nvidia-smi intégré dans le temps',
  ],
  'measure.warnSmi': [
    'GPU: NVML unavailable ({detail}); using nvidia-smi power.draw instead. Fix: {fix}',
    'GPU : NVML indisponible ({detail}) ; power.draw de nvidia-smi utilisé à la place. Correction : {fix}',
  ],
  'measure.noGpu': ['no NVIDIA GPU found', 'aucun GPU NVIDIA trouvé'],
  'measure.raplReadable': [
    '{packages} package(s), {drams} DRAM domain(s) readable',
    '{packages} processeur(s), {drams} domaine(s) DRAM lisible(s)',
  ],
  'measure.raplReadableBut': [
    '{packages} package(s), {drams} DRAM domain(s) readable; {problem}',
    '{packages} processeur(s), {drams} domaine(s) DRAM lisible(s) ; {problem}',
  ],
  'measure.systemError': ['{cause}', '{cause}'],
  'measure.noRaplDomain': ['no RAPL domain', 'aucun domaine RAPL'],
  'measure.cpuKnown': [
    '{cpu} ×{packages}: {tdp} W TDP per package ({source})',
    '{cpu} ×{packages} : TDP de {tdp} W par processeur ({source})',
  ],
  'measure.cpuUnknown': [
    '{cpu} ×{packages} is not in the hardware catalog: {tdp} W TDP assumed',
    '{cpu} ×{packages} n’est pas au catalogue du matériel : TDP de {tdp} W supposé',
  ],
  'measure.unknownCpuModel': ['unknown CPU model', 'modèle de processeur inconnu'],
  'measure.cpuUnknownFix': [
    'only matters without RAPL; the figure is labelled default:unknown-cpu-tdp',
    'ne compte que sans RAPL ; le chiffre est marqué default:unknown-cpu-tdp',
  ],
  'measure.procstatOk': ['CPU utilisation readable', 'utilisation du processeur lisible'],
  'measure.memInstalled': ['{gib} GiB installed', '{gib} Gio installés'],
  'measure.planRapl': [
    'RAPL energy counters of {count} package(s)',
    'compteurs d’énergie RAPL de {count} processeur(s)',
  ],
  'measure.planProcstat': [
    'utilisation from /proc/stat × {tdp} W TDP ({source})',
    'utilisation lue dans /proc/stat × TDP de {tdp} W ({source})',
  ],
  'measure.raplUnavailable': ['RAPL unavailable', 'RAPL indisponible'],
  'measure.warnProcstat': [
    'CPU: {problem}; CPU power is modelled as utilisation × TDP instead.',
    'CPU : {problem} ; la puissance du processeur est modélisée par utilisation × TDP à la place.',
  ],
  'measure.warnProcstatFix': [
    'CPU: {problem}; CPU power is modelled as utilisation × TDP instead. Fix: {fix}',
    'CPU : {problem} ; la puissance du processeur est modélisée par utilisation × TDP à la place. Correction : {fix}',
  ],
  'measure.theCpuModel': ['the CPU model', 'le modèle de processeur'],
  'measure.warnCpuUnknown': [
    'CPU: {cpu} is not in the hardware catalog; {tdp} W TDP per package assumed ({source})',
    'CPU : {cpu} n’est pas au catalogue du matériel ; TDP de {tdp} W par processeur supposé ({source})',
  ],
  'measure.planNoCpu': [
    'neither RAPL nor /proc/stat is readable: CPU not measured',
    'ni RAPL ni /proc/stat ne sont lisibles : processeur non mesuré',
  ],
  'measure.warnNoCpu': [
    'CPU: neither RAPL nor /proc/stat is readable; CPU energy is not measured (not counted as 0 W by mistake: it is absent).',
    'CPU : ni RAPL ni /proc/stat ne sont lisibles ; l’énergie du processeur n’est pas mesurée (elle est absente, pas comptée 0 W par erreur).',
  ],
  'measure.planDram': [
    'RAPL DRAM counters of {count} package(s)',
    'compteurs DRAM RAPL de {count} processeur(s)',
  ],
  'measure.planRam': ['{gib} GiB × {wPerGb} W/GB ({source})', '{gib} Gio × {wPerGb} W/Go ({source})'],
  'measure.warnRam': [
    'RAM: no RAPL DRAM domain on this CPU; RAM power estimated from installed memory.',
    'RAM : pas de domaine DRAM RAPL sur ce processeur ; puissance de la mémoire estimée d’après la mémoire installée.',
  ],
  'measure.planNoRam': [
    'no RAPL DRAM domain and no /proc/meminfo: RAM not measured',
    'ni domaine DRAM RAPL ni /proc/meminfo : mémoire non mesurée',
  ],
  'measure.notGpuIndex': [
    '{field}: {missing} is not a GPU index on this machine',
    '{field} : {missing} n’est pas un numéro de GPU de cette machine',
  ],
  'measure.gpuIndices': ['indices among {found}', 'numéros parmi {found}'],
  'measure.noGpuHere': ['no GPU was found on this machine', 'aucun GPU n’a été trouvé sur cette machine'],
  // The tracker's warnings while it runs.
  'measure.readingFailed': [
    '{sampler}: reading failed ({cause}); last power held',
    '{sampler} : échec de la lecture ({cause}) ; dernière puissance conservée',
  ],
  'measure.shareFailed': [
    'process share: cannot read the processes ({cause}); last share held',
    'part du processus : lecture des processus impossible ({cause}) ; dernière part conservée',
  ],
  'measure.storeFailed': [
    'cannot write samples to {location} ({cause}); retrying each tick',
    'écriture des échantillons dans {location} impossible ({cause}) ; nouvel essai à chaque relevé',
  ],
  'measure.markFailed': [
    'cannot store mark "{label}": {cause}',
    'impossible d’enregistrer le repère « {label} » : {cause}',
  ],
  'measure.markIgnored': [
    'EMPREINTE_MARKS: line ignored, {cause}',
    'EMPREINTE_MARKS : ligne ignorée, {cause}',
  ],
  'measure.noReading': [
    '{channel}: no reading since {since} (device reset or removed?); its energy is counted again if it comes back, the gap from its last known power',
    '{channel} : aucun relevé depuis {since} (périphérique réinitialisé ou retiré ?) ; son énergie est de nouveau comptée s’il revient, l’intervalle d’après sa dernière puissance connue',
  ],
  // Sessions and run reports.
  'measure.hostTakenAccepted': [
    'a new run id, or another --node name to join the run from another host',
    'un nouvel identifiant d’exécution, ou un autre nom --node pour rejoindre l’exécution depuis une autre machine',
  ],
  'measure.writeRefused': ['the write was refused', 'l’écriture a été refusée'],
  'measure.endNotRecorded': [
    'cannot record the end of run {runId} in {location} ({reason}): its stored samples are kept and it will read as interrupted',
    'impossible d’enregistrer la fin de l’exécution {runId} dans {location} ({reason}) : ses échantillons enregistrés sont gardés et elle apparaîtra interrompue',
  ],
  'measure.samplesLost': [
    '{count} samples could not be stored in {location}',
    '{count} échantillons n’ont pas pu être enregistrés dans {location}',
  ],
  'measure.trackerCounted': [
    'The tracker counted {durationS} s and {kwh} kWh at the machines (measured or modelled, as the sources say); the database kept only the figures above.',
    'Le traceur a compté {durationS} s et {kwh} kWh aux machines (mesurés ou modélisés, comme le disent les sources) ; la base n’a gardé que les chiffres ci-dessus.',
  ],
  'measure.noRenewableShare': [
    'No renewable share given (--renewable-share): market-based CO2e equals location-based.',
    'Pas de part renouvelable donnée (--renewable-share) : le CO2e méthode marché est égal au CO2e méthode localisation.',
  ],
  'measure.hostNote': ['{host}: {note}', '{host} : {note}'],
  'measure.hostStopped': [
    '{host}: stopped, not heard from since {since} (tracker pid {pid} on {machine}); its samples until then are counted',
    '{host} : arrêtée, sans nouvelles depuis {since} (traceur pid {pid} sur {machine}) ; ses échantillons jusque-là sont comptés',
  ],
  'measure.noGpuMeasured': [
    'No GPU measured: no comparison with the estimator (it models accelerator runs).',
    'Aucun GPU mesuré : pas de comparaison avec l’estimateur (il modélise des calculs sur accélérateurs).',
  ],
  'measure.severalGpus': [
    'Several GPU models ({names}): no comparison with the estimator.',
    'Plusieurs modèles de GPU ({names}) : pas de comparaison avec l’estimateur.',
  ],
  'measure.gpuNotInCatalog': [
    'GPU "{name}" is not in the hardware catalog: no comparison with the estimator.',
    'Le GPU « {name} » n’est pas au catalogue du matériel : pas de comparaison avec l’estimateur.',
  ],
  'measure.runTooShort': [
    'Run too short to compare with the estimator.',
    'Exécution trop courte pour être comparée à l’estimateur.',
  ],
  'measure.wholeGpu': [
    "GPU: {sampler} does not report per-process use here; each GPU's whole energy is charged to the command.",
    'GPU : {sampler} ne donne pas ici l’usage par processus ; toute l’énergie de chaque GPU est imputée à la commande.',
  ],
  'measure.leftover': [
    '{count} process(es) started by the command still run after it ended ({shown}{more}): the {cpuS} s of CPU they used during the run are charged; what they use from now on is not measured.',
    '{count} processus lancé(s) par la commande tourne(nt) encore après sa fin ({shown}{more}) : les {cpuS} s de CPU utilisées pendant l’exécution sont comptées ; ce qu’ils utiliseront désormais n’est pas mesuré.',
  ],
  'measure.leftoverMore': [' and {count} more', ' et {count} autre(s)'],
  // What `empreinte run` says while it runs.
  'measure.runRecovered': [
    'run {id} was left running by a tracker that died: marked interrupted',
    'l’exécution {id} était restée en cours après la fin de son traceur : marquée interrompue',
  ],
  'measure.noLocation': [
    'no {locationField} given: the world-average grid intensity is used (e.g. {locationField} fr, {locationField} aws:eu-west-3)',
    'aucun lieu donné ({locationField}) : l’intensité moyenne mondiale du réseau est utilisée (par ex. {locationField} fr, {locationField} aws:eu-west-3)',
  ],
  'measure.noProcesses': [
    "--boundary process: cannot follow the command's processes in {path} ({cause}); the command is charged nothing",
    '--boundary process : impossible de suivre les processus de la commande dans {path} ({cause}) ; rien n’est imputé à la commande',
  ],
  'measure.commandNotFound': ['{file}: command not found', '{file} : commande introuvable'],
  'measure.commandNotExecutable': [
    '{file}: permission denied (not executable)',
    '{file} : permission refusée (pas exécutable)',
  ],
  'measure.commandCannotStart': ['{file}: cannot start ({cause})', '{file} : lancement impossible ({cause})'],
  'measure.cannotStartCommand': [
    'error: cannot start the command: {cause}',
    'erreur : impossible de lancer la commande : {cause}',
  ],
  'measure.liveNote': ['note: {note}', 'remarque : {note}'],
  'measure.metricsAt': ['metrics for Prometheus on {url}', 'métriques pour Prometheus sur {url}'],
} as const satisfies Table;
