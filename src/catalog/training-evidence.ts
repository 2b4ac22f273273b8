import type { Source } from './types.js';

/**
 * Published training runs the utilisation model is fitted on: what each run was (parameters,
 * tokens, hardware, chips) and what it cost as its authors published it (chip-hours, and the power
 * per chip and PUE of their own energy arithmetic where they gave them). One citation per row.
 * Chip-hours are as published, so they include whatever the authors counted: restarts, evaluation,
 * checkpointing, idle time on a reserved cluster (goodput, not peak throughput).
 */
export interface TrainingRun {
  id: string;
  /** Model series; the accuracy figures never let a series calibrate its own range. */
  family: string;
  year: number;
  paramsTotal: number;
  /** Parameters active per token; equals paramsTotal for dense models. */
  paramsActive: number;
  tokens: number;
  /** Hardware catalog id. */
  hardwareId: string;
  chips?: number;
  chipHours: number;
  /** Chip-hours from chips × a rounded duration ("about two months"), not counted by the authors. */
  approximate?: boolean;
  /** The training used FP8 matrix multiplies (the implied utilisation is still against the BF16 peak). */
  fp8?: boolean;
  /**
   * Trained by distillation from larger teachers whose forward passes the 6·N·D compute does not
   * count: kept as evidence, left out of the utilisation fit and of the range calibration.
   */
  distilled?: boolean;
  /**
   * About half the parameters are embedding lookups (nanochat's value embeddings), which do no
   * matrix multiply: 6·N·D over the total overstates the compute about twofold, and no user input
   * says so. Kept as evidence, left out of the utilisation fit and of the range calibration, as
   * runs whose compute is not 6·N·D are.
   */
  embeddingHeavy?: boolean;
  /** Power per chip and PUE of the authors' own energy arithmetic, where they published them. */
  powerWPerChip?: number;
  pue?: number;
  source: Source;
}

const src = (citation: string, year: number, url?: string): Source => ({ citation, year, url });

const LLAMA1 = src(
  'Touvron et al. 2023, "LLaMA", arXiv 2302.13971, Table 15 (GPU-hours, 400 W, PUE 1.1) and Table 2 (parameters, tokens)',
  2023,
  'https://arxiv.org/abs/2302.13971',
);
const LLAMA2 = src(
  'Touvron et al. 2023, "Llama 2", arXiv 2307.09288, Table 2 (GPU-hours and power per GPU, PUE folded in)',
  2023,
  'https://arxiv.org/abs/2307.09288',
);
const LLAMA3 = src(
  'Meta 2024, Llama 3 model card, meta-llama/llama3 MODEL_CARD.md, "Hardware and Software" (H100-80GB, 700 W TDP; 15T+ tokens)',
  2024,
  'https://github.com/meta-llama/llama3/blob/main/MODEL_CARD.md',
);
const LLAMA31 = src(
  'Meta 2024, Llama 3.1 model card, "Training Energy Use" table (H100-80GB, 700 W TDP); tokens: Llama Team 2024, "The Llama 3 Herd of Models", arXiv 2407.21783, section 3',
  2024,
  'https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md',
);
const LLAMA32 = src(
  'Meta 2024, Llama 3.2 model card, "Training Energy Use" table (H100-80GB, 700 W TDP; up to 9T tokens; logits of Llama 3.1 8B and 70B used as token-level targets in pretraining, knowledge distillation after pruning)',
  2024,
  'https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/MODEL_CARD.md',
);
const LLAMA4 = src(
  'Meta 2025, Llama 4 model card, "Training Energy Use" table (H100-80GB, 700 W TDP) and "Training Data" (~40T / ~22T tokens)',
  2025,
  'https://github.com/meta-llama/llama-models/blob/main/models/llama4/MODEL_CARD.md',
);
const OPT = src(
  'Zhang et al. 2022, "OPT", arXiv 2205.01068, section 2.4 (992 A100-80GB, 180B tokens); GPU-hours as recomputed in Touvron et al. 2023, arXiv 2302.13971, Table 15',
  2022,
  'https://arxiv.org/abs/2205.01068',
);
const BLOOM = src(
  'Luccioni, Viguier & Ligozat 2023, "Estimating the Carbon Footprint of BLOOM", JMLR 24(253), section 4 and Table 2 (1,082,990 GPU-hours on 384 A100-80GB; dynamic energy at 400 W)',
  2023,
  'https://jmlr.org/papers/v24/23-0069.html',
);
const STARCODER = src(
  'Li et al. 2023, "StarCoder: may the source be with you!", arXiv 2305.06161, section 5.6 (320,256 GPU-hours on 512 A100-80GB, 280 W average power)',
  2023,
  'https://arxiv.org/abs/2305.06161',
);
const PATTERSON = src(
  'Patterson et al. 2021, "Carbon Emissions and Large Neural Network Training", arXiv 2104.10350, Table 4 (GPT-3: 10,000 V100 for 14.8 days, 330 W system power, PUE 1.1)',
  2021,
  'https://arxiv.org/abs/2104.10350',
);
const GOPHER = src(
  'Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from Training Gopher", arXiv 2112.11446, section 4 and Appendix F (4,096 TPU v3 chips for 920 hours, 300B tokens)',
  2021,
  'https://arxiv.org/abs/2112.11446',
);
const PALM = src(
  'Chowdhery et al. 2022, "PaLM", arXiv 2204.02311, section 13 "Compute usage and environmental impact" (6,144 TPU v4 chips for 1,200 hours and 3,072 for 336 hours, downtime included; 780B tokens)',
  2022,
  'https://arxiv.org/abs/2204.02311',
);
const MPT = src(
  'MosaicML 2023, "Introducing MPT-7B" (1T tokens, 440 A100-40GB, 9.5 days)',
  2023,
  'https://www.databricks.com/blog/mpt-7b',
);
const PHI1 = src(
  'Microsoft, microsoft/phi-1 model card, "Training" (54B tokens, 8 A100, 6 days)',
  2023,
  'https://huggingface.co/microsoft/phi-1',
);
const PHI15 = src(
  'Microsoft, microsoft/phi-1_5 model card, "Training" (150B tokens, 32 A100-40G, 8 days)',
  2023,
  'https://huggingface.co/microsoft/phi-1_5',
);
const PHI2 = src(
  'Microsoft, microsoft/phi-2 model card, "Training" (1.4T tokens, 96 A100-80G, 14 days)',
  2023,
  'https://huggingface.co/microsoft/phi-2',
);
const PHI3 = src(
  'Microsoft, microsoft/Phi-3-mini-4k-instruct model card, "Training" (3.3T tokens, 512 H100-80G, 7 days)',
  2024,
  'https://huggingface.co/microsoft/Phi-3-mini-4k-instruct',
);
const PHI3M = src(
  'Microsoft, microsoft/Phi-3-medium-4k-instruct model card, "Training" (4.8T tokens, 512 H100-80G, 42 days)',
  2024,
  'https://huggingface.co/microsoft/Phi-3-medium-4k-instruct',
);
const PHI35 = src(
  'Microsoft, microsoft/Phi-3.5-mini-instruct model card, "Training Data" (3.4T tokens); 512 H100-80G for 10 days from Microsoft 2024, "Phi-3.5" talk at the LLM x HPC workshop, IEEE Cluster 2024 (Kobe), slide "Phi-3.5 Tech Specs"',
  2024,
  'https://speakerdeck.com/furixturi/phi-3-dot-5-llm-x-hpc-workshop-ieee-clustercomp-2024-kobe',
);
const PHI35MOE = src(
  'Microsoft, microsoft/Phi-3.5-MoE-instruct model card, "Training" (16x3.8B, 6.6B active; 4.9T tokens, 512 H100-80G, 23 days)',
  2024,
  'https://huggingface.co/microsoft/Phi-3.5-MoE-instruct',
);
const GRIN = src(
  'Microsoft, microsoft/GRIN-MoE model card, "Training" (16x3.8B, 6.6B active; 4T tokens, 512 H100-80G, 18 days)',
  2024,
  'https://huggingface.co/microsoft/GRIN-MoE',
);
const PHI4 = src(
  'Microsoft, microsoft/phi-4 model card, "Training" (9.8T tokens, 1920 H100-80G, 21 days)',
  2024,
  'https://huggingface.co/microsoft/phi-4',
);
const PHI4MINI = src(
  'Microsoft, microsoft/Phi-4-mini-instruct model card, "Training" (5T tokens, 512 A100-80G, 21 days)',
  2025,
  'https://huggingface.co/microsoft/Phi-4-mini-instruct',
);
const FALCON180 = src(
  'Hugging Face & TII 2023, "Spread Your Wings: Falcon 180B is here" (3.5T tokens on up to 4,096 A100-40GB, about 7,000,000 GPU-hours); Almazrouei et al. 2023, arXiv 2311.16867',
  2023,
  'https://huggingface.co/blog/falcon-180b',
);
const FALCON40 = src(
  'TII, tiiuae/falcon-40b model card, "Training Procedure" (1T tokens, 384 A100-40GB, about two months)',
  2023,
  'https://huggingface.co/tiiuae/falcon-40b',
);
const FALCON7 = src(
  'TII, tiiuae/falcon-7b model card, "Training Procedure" (1.5T tokens, 384 A100-40GB, about two weeks)',
  2023,
  'https://huggingface.co/tiiuae/falcon-7b',
);
const DSV3 = src(
  'DeepSeek-AI 2024, "DeepSeek-V3 Technical Report", arXiv 2412.19437, Table 1 (pre-training 2,664K H800 GPU-hours, 14.8T tokens, FP8 mixed precision, 2,048 GPUs)',
  2024,
  'https://arxiv.org/abs/2412.19437',
);
const DSV2 = src(
  'DeepSeek-AI 2024, "DeepSeek-V2", arXiv 2405.04434, section 3.2.3 (172.8K H800 GPU-hours per trillion tokens against 300.6K for the dense DeepSeek 67B; 8.1T tokens)',
  2024,
  'https://arxiv.org/abs/2405.04434',
);
const DSLLM = src(
  'DeepSeek-AI 2024, "DeepSeek LLM", arXiv 2401.02954 (67B, 2T tokens); GPU-hours per trillion tokens from DeepSeek-V2, arXiv 2405.04434, section 3.2.3',
  2024,
  'https://arxiv.org/abs/2401.02954',
);
const SMOLLM3 = src(
  'Hugging Face 2025, "SmolLM3: smol, multilingual, long-context reasoner" and HuggingFaceTB/SmolLM3-3B model card (11.2T tokens, 384 H100, 24 days)',
  2025,
  'https://huggingface.co/blog/smollm3',
);
const GRANITE = src(
  'IBM Granite Team 2024, "Granite 3.0 Language Models" technical report, Table 1 (parameters, active parameters, training tokens) and Table 7 (GPU-hours on H100 at 700 W, PUE 1.3)',
  2024,
  'https://github.com/ibm-granite/granite-3.0-language-models',
);
const GLAM = src(
  'Du et al. 2022, "GLaM: Efficient Scaling of Language Models with Mixture-of-Experts", ICML, arXiv 2112.06905, section 6.4 (280B tokens in 574 hours on 1,024 TPU v4 chips, 213 MWh, about 326 W per chip measured; 1.2T parameters, 96.6B active)',
  2022,
  'https://arxiv.org/abs/2112.06905',
);
const TINYLLAMA = src(
  'Zhang et al. 2024, "TinyLlama: An Open-Source Small Language Model", arXiv 2401.02385, section 1 and 2.3 (3T tokens, 16 A100-40G, 90 days)',
  2024,
  'https://arxiv.org/abs/2401.02385',
);
const JETMOE = src(
  'Shen et al. 2024, "JetMoE: Reaching Llama2 Performance with 0.1M Dollars", arXiv 2404.07413, abstract (1.25T tokens and 30,000 H100 GPU-hours; 8B parameters, 2.2B active); 96 H100 from MyShell 2024, "JetMoE" project page, note 1 (a 96×H100 cluster for 2 weeks)',
  2024,
  'https://arxiv.org/abs/2404.07413',
);
const GLM = src(
  'Zeng et al. 2023, "GLM-130B: An Open Bilingual Pre-trained Model", ICLR, arXiv 2210.02414, section 1 (400B tokens on 96 DGX-A100 40GB nodes, May 6 to July 3, 2022)',
  2023,
  'https://arxiv.org/abs/2210.02414',
);

const SANTACODER = src(
  'BigCode, bigcode/santacoder model card, "Training" (1.1B, 236B tokens, 96 Tesla V100, 6.2 days); Allal et al. 2023, arXiv 2301.03988',
  2023,
  'https://huggingface.co/bigcode/santacoder',
);
const GPTJ = src(
  'Wang & Komatsuzaki 2021, EleutherAI/gpt-j-6b model card, "Training procedure" (402B tokens over 383,500 steps on a TPU v3-256 pod, 128 chips); duration from Open Source For You, 2021-07, "EleutherAI Open-Sources Six Billion Parameter GPT-3 Clone GPT-J" (v3-256 TPUs, approximately five weeks, reporting Komatsuzaki 2021, "GPT-J-6B: 6B JAX-Based Transformer")',
  2021,
  'https://huggingface.co/EleutherAI/gpt-j-6b',
);
const FALCONMAMBA = src(
  'TII, tiiuae/falcon-mamba-7b model card, "Training Procedure" and "Speeds, Sizes, Times" (~5,500 GT, 256 H100 80GB on average, roughly two months)',
  2024,
  'https://huggingface.co/tiiuae/falcon-mamba-7b',
);
const FALCON2 = src(
  'TII, tiiuae/falcon-11B model card, "Training Procedure" and "Speeds, Sizes, Times" (5,500 GT in four stages, 1024 A100 40GB on average, roughly two months); Malartic et al. 2024, arXiv 2407.14885',
  2024,
  'https://huggingface.co/tiiuae/falcon-11B',
);

const CHAMELEON = src(
  'Chameleon Team 2024, "Chameleon: Mixed-Modal Early-Fusion Foundation Models", arXiv 2405.09818, Table 1 (4.4T tokens, 2.1 epochs: 9.2T tokens seen) and Table 2 (NVIDIA A100 80GB on Meta\'s Research Super Cluster: 7B on 1,024 concurrent GPUs for 856,481 GPU-hours, 34B on 3,072 for 4,282,407)',
  2024,
  'https://arxiv.org/abs/2405.09818',
);
const STABLELM3B = src(
  'Stability AI, stabilityai/stablelm-3b-4e1t model card, "Model Architecture" (2,795,443,200 parameters), "Model Description" (1T tokens for 4 epochs) and "Training Infrastructure" (256 A100 40GB, AWS P4d; approximately 30 days)',
  2023,
  'https://huggingface.co/stabilityai/stablelm-3b-4e1t',
);

const PYTHIA = src(
  'Biderman et al. 2023, "Pythia: A Suite for Analyzing Large Language Models Across Training and Scaling", ICML, arXiv 2304.01373, Table 1 (non-embedding parameters, model dimension; vocabulary 50,304, untied embeddings), appendix Table 5 (A100 40GB count and total GPU-hours per size, computed from the logged iteration time); 299,892,736,000 tokens per model from EleutherAI/pythia README',
  2023,
  'https://arxiv.org/abs/2304.01373',
);
const BLOOMBERGGPT = src(
  'Wu et al. 2023, "BloombergGPT: A Large Language Model for Finance", arXiv 2303.17564, section 3.2 (50.6B parameters), 3.3 "Hardware Stack" (64 p4d.24xlarge: 512 A100 40GB) and 4 "Training Run" (139,200 steps, ~53 days; 569B tokens)',
  2023,
  'https://arxiv.org/abs/2303.17564',
);

const MOBILELLM = src(
  'Meta, facebook/MobileLLM-125M model card (Liu et al. 2024, "MobileLLM", ICML, arXiv 2402.14905), "Model Details" (124.6M, 345.3M, 603.1M, 1.01B, 1.51B parameters; 1T tokens) and "Training cost" (32 A100 80G: ~3, ~6, ~8, ~12 and ~18 days)',
  2024,
  'https://huggingface.co/facebook/MobileLLM-125M',
);

const FALCONRW1B = src(
  'TII, tiiuae/falcon-rw-1b model card, "Training Data" (350B tokens of RefinedWeb), "Training Procedure" (32 A100 40GB) and "Speeds, Sizes, Times" (about six days); parameters from its architecture table (24 layers, d_model 2048, vocabulary 50,304: 12·24·2048² + 50,304·2048); Penedo et al. 2023, arXiv 2306.01116',
  2023,
  'https://huggingface.co/tiiuae/falcon-rw-1b',
);

const HYPERCLOVA = src(
  'Kim et al. 2021, "What Changes Can Large-scale Language Models Bring? Intensive Study on HyperCLOVA", EMNLP, arXiv 2109.04650: trained on an NVIDIA Superpod of 128 DGX servers with 1,024 A100 ("it takes 13.4 days to train a model with 82B parameters with 150B tokens"), as quoted in Epoch AI, "Notable AI Models" (HyperCLOVA 82B); A100 memory size not stated (40GB and 80GB share peak and TDP)',
  2021,
  'https://arxiv.org/abs/2109.04650',
);

const PLEIAS = src(
  'Pleias, PleIAs/Pleias-3b-Preview model card (Pleias 1.0 models), "Training" (3 billion parameters; fully pretrained at Jean Zay on 192 H100 for about 20 days; 518,000 steps of batch 1,024, 1,086,324,736,000 tokens of Common Corpus)',
  2024,
  'https://huggingface.co/PleIAs/Pleias-3b-Preview',
);

const GPTNEOX = src(
  'EleutherAI 2022, GPT-NeoX-20B model card as released with the weights, "Model Description" (20,556,201,984 parameters) and "Training procedure" (470 billion tokens over 150,000 steps on 96 40GB A100 GPUs for around three months); Black et al. 2022, "GPT-NeoX-20B: An Open-Source Autoregressive Language Model", arXiv 2204.06745',
  2022,
  'https://huggingface.co/EleutherAI/gpt-neox-20b',
);

const ROBERTA = src(
  'Liu et al. 2019, "RoBERTa: A Robustly Optimized BERT Pretraining Approach", arXiv 1907.11692, section 3.1 (mixed precision on DGX-1 machines, 8 × 32GB V100 each) and section 5 (BERT-large architecture, 355M parameters, 100K steps at a batch of 8K sequences of at most 512 tokens over BookCorpus plus Wikipedia, "using 1024 V100 GPUs for approximately one day")',
  2019,
  'https://arxiv.org/abs/1907.11692',
);

const SMOLLM2 = src(
  'Hugging Face Smol Models Research 2024, approximate GPU-hours per SmolLM2 size in answer to "Useless information" (discussion 20 on HuggingFaceTB/SmolLM2-1.7B-Instruct): 1.7B trained for 11T tokens 140k, 360M for 4T 20k, 135M for 2T 5k; H100 from the SmolLM2 model cards, "Hardware"; Allal et al. 2025, "SmolLM2", arXiv 2502.02737',
  2024,
  'https://huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct/discussions/20',
);

const DCLM = src(
  'Li et al. 2024, "DataComp-LM: In search of the next generation of training sets for language models", arXiv 2406.11794; per-scale model parameters, train tokens, train FLOPs and "Train H100 hours" of its fixed open_lm recipes, from mlfoundations/dclm README, "(4) Model Training" (400M-1x 412M, 8.2B tokens, 26 h; 1B-1x 1.4B, 28B, 240 h; 3B-1x 2.8B, 55.9B, 740 h; 7B-1x 6.9B, 138B, 3,700 h; 7B-2x 6.9B, 276B, 7,300 h)',
  2024,
  'https://github.com/mlfoundations/dclm',
);

const TRILLION = src(
  'Trillion Labs 2025, "Trillion 7B Technical Report", arXiv 2504.15431, abstract (2T training tokens, 59.4K H100 GPU hours for full training); 7.76B parameters from the trillionlabs/Trillion-7B-preview model card',
  2025,
  'https://arxiv.org/abs/2504.15431',
);

const LLMC = src(
  'Karpathy 2024, karpathy/llm.c, scripts/run_gpt2_124M.sh, run_gpt2_350M.sh, run_gpt2_774M.sh and run_gpt2_1558M.sh, header comments: parameters, steps × tokens per step, and the time per step measured on one 8X A100 80GB SXM node (8X H100 80GB SXM for the 1558M model); the 354.8M parameters of GPT-2 medium counted from the d24 configuration of train_gpt2.cu (24 layers, 1,024 channels, vocabulary 50,257)',
  2024,
  'https://github.com/karpathy/llm.c/tree/master/scripts',
);
const NANOCHAT = src(
  'Karpathy 2026, karpathy/nanochat, dev/LEADERBOARD.md, "Run 1" (d24 in bfloat16: 16,704 steps of 524,288 tokens, target data:param ratio 12, total_training_time 10,949 s), "Run 2" (d26 with FP8 matmuls: 14,889 steps of 524,288 tokens, ratio 8.5, 10,493 s) and "Run 3" (d26, FP8: 7,226 steps of 1,048,576 tokens, ratio 8.25, 9,922 s), each on one 8XH100 node, the time being the training iterations alone; scripts/base_train.py (steps = ratio × scaling parameters / batch, scaling parameters being the transformer matrices and the output layer); total parameters counted from nanochat/gpt.py at the commit of each record (input embedding, value embeddings on alternate layers, transformer matrices, output layer)',
  2026,
  'https://github.com/karpathy/nanochat/blob/master/dev/LEADERBOARD.md',
);

const SKYWORK = src(
  'Wei et al. 2023, "Skywork: A More Open Bilingual Foundation Model", arXiv 2310.19341 (SkyworkAI/Skywork, Skywork_13b_tech_report.pdf), abstract and section 3.2 (3.2 trillion tokens), Table 3 (52 layers, hidden 4,608, FFN 12,288, vocabulary 65,536) and section 3.5 (512 A800-80G SXM GPUs; "the training process of Skywork-13B spanned a total of 39 days")',
  2023,
  'https://arxiv.org/abs/2310.19341',
);

const SMOLLM1 = src(
  'Hugging Face Smol Models Research 2024, HuggingFaceTB/SmolLM-135M model card, "Training" (600k steps, 600B tokens, 64 H100) and the team\'s answer in discussion 13 on that model ("Training time": "it took around 1 day")',
  2024,
  'https://huggingface.co/HuggingFaceTB/SmolLM-135M/discussions/13',
);

const YALM = src(
  'Yandex, yandex/YaLM-100B README (2022), "Training details" ("trained on a cluster of 800 A100 for ~65 days. In that time it consumed 300B tokens") and its introduction (100 billion parameters)',
  2022,
  'https://github.com/yandex/YaLM-100B',
);
const NEMOTRON4 = src(
  'Parmar et al. 2024, "Nemotron-4 15B Technical Report", arXiv 2402.16819, section 2 "Pre-training" (384 DGX H100 nodes of 8 H100 80GB SXM5; "approximately 13 calendar days") and Table 2 (three stages: 768 GPUs for 0.8 days, 1,536 for 0.4, 2,304 for 11.9; 200B + 200B + 7,600B tokens); 3.2B embedding and 12.5B non-embedding parameters (section 2)',
  2024,
  'https://arxiv.org/abs/2402.16819',
);
const STABLELM2 = src(
  'Bellagente et al. 2024, "Stable LM 2 1.6B Technical Report", arXiv 2402.17834, section 1 ("around 92k GPU hours"); stabilityai/stablelm-2-1_6b model card, "Model Architecture" (1,644,417,024 parameters), "Model Description" (2 trillion tokens) and "Training Infrastructure" (512 A100 40GB, AWS P4d)',
  2024,
  'https://arxiv.org/abs/2402.17834',
);

const a100 = 'nvidia-a100-sxm4-80gb';
const a10040 = 'nvidia-a100-sxm4-40gb';
const h100 = 'nvidia-h100-sxm5-80gb';
const h800 = 'nvidia-h800-sxm5-80gb';
const days = (chips: number, d: number) => chips * d * 24;
/** IBM's Granite 3.0 runs: H100 at 700 W and PUE 1.3 in the report's own energy arithmetic. */
const GRANITE_RUN = {
  family: 'granite',
  year: 2024,
  hardwareId: h100,
  powerWPerChip: 700,
  pue: 1.3,
  source: GRANITE,
} as const;
/** Dense sizes of one family on H100 with their chip-hours and no chip count: [id, parameters, tokens, chip-hours]. */
const denseH100Sizes = (
  family: string,
  year: number,
  source: Source,
  approximate: boolean,
  rows: readonly (readonly [string, number, number, number])[],
): TrainingRun[] =>
  rows.map(([id, params, tokens, chipHours]) => ({
    id,
    family,
    year,
    paramsTotal: params,
    paramsActive: params,
    tokens,
    hardwareId: h100,
    chipHours,
    ...(approximate ? { approximate } : {}),
    source,
  }));
/** Meta's H100 model-card rows: 700 W TDP per GPU, PUE folded in. */
const llamaH100 = (
  id: string,
  year: number,
  paramsTotal: number,
  paramsActive: number,
  tokens: number,
  chipHours: number,
  source: Source,
  extra: Partial<TrainingRun> = {},
): TrainingRun => ({
  id,
  family: 'llama',
  year,
  paramsTotal,
  paramsActive,
  tokens,
  hardwareId: h100,
  chipHours,
  powerWPerChip: 700,
  pue: 1,
  source,
  ...extra,
});

export const TRAINING_EVIDENCE: readonly TrainingRun[] = [
  // Meta: LLaMA (Table 15: 400 W per GPU, PUE 1.1)
  {
    id: 'llama-7b',
    family: 'llama',
    year: 2023,
    paramsTotal: 6.7e9,
    paramsActive: 6.7e9,
    tokens: 1e12,
    hardwareId: a100,
    chipHours: 82_432,
    powerWPerChip: 400,
    pue: 1.1,
    source: LLAMA1,
  },
  {
    id: 'llama-13b',
    family: 'llama',
    year: 2023,
    paramsTotal: 13e9,
    paramsActive: 13e9,
    tokens: 1e12,
    hardwareId: a100,
    chipHours: 135_168,
    powerWPerChip: 400,
    pue: 1.1,
    source: LLAMA1,
  },
  {
    id: 'llama-33b',
    family: 'llama',
    year: 2023,
    paramsTotal: 32.5e9,
    paramsActive: 32.5e9,
    tokens: 1.4e12,
    hardwareId: a100,
    chipHours: 530_432,
    powerWPerChip: 400,
    pue: 1.1,
    source: LLAMA1,
  },
  {
    id: 'llama-65b',
    family: 'llama',
    year: 2023,
    paramsTotal: 65.2e9,
    paramsActive: 65.2e9,
    tokens: 1.4e12,
    hardwareId: a100,
    chips: 2048,
    chipHours: 1_022_362,
    powerWPerChip: 400,
    pue: 1.1,
    source: LLAMA1,
  },
  // Llama 2 (power per GPU with PUE folded in)
  {
    id: 'llama-2-7b',
    family: 'llama',
    year: 2023,
    paramsTotal: 6.74e9,
    paramsActive: 6.74e9,
    tokens: 2e12,
    hardwareId: a100,
    chipHours: 184_320,
    powerWPerChip: 400,
    pue: 1,
    source: LLAMA2,
  },
  {
    id: 'llama-2-13b',
    family: 'llama',
    year: 2023,
    paramsTotal: 13.0e9,
    paramsActive: 13.0e9,
    tokens: 2e12,
    hardwareId: a100,
    chipHours: 368_640,
    powerWPerChip: 400,
    pue: 1,
    source: LLAMA2,
  },
  {
    id: 'llama-2-34b',
    family: 'llama',
    year: 2023,
    paramsTotal: 34e9,
    paramsActive: 34e9,
    tokens: 2e12,
    hardwareId: a100,
    chipHours: 1_038_336,
    powerWPerChip: 350,
    pue: 1,
    source: LLAMA2,
  },
  {
    id: 'llama-2-70b',
    family: 'llama',
    year: 2023,
    paramsTotal: 69e9,
    paramsActive: 69e9,
    tokens: 2e12,
    hardwareId: a100,
    chipHours: 1_720_320,
    powerWPerChip: 400,
    pue: 1,
    source: LLAMA2,
  },
  // Llama 3, 3.1, 3.2, 4 (H100 at 700 W TDP, PUE folded in)
  llamaH100('llama-3-8b', 2024, 8.03e9, 8.03e9, 15e12, 1.3e6, LLAMA3),
  llamaH100('llama-3-70b', 2024, 70.6e9, 70.6e9, 15e12, 6.4e6, LLAMA3),
  llamaH100('llama-3.1-8b', 2024, 8.03e9, 8.03e9, 15e12, 1.46e6, LLAMA31),
  llamaH100('llama-3.1-70b', 2024, 70.6e9, 70.6e9, 15e12, 7.0e6, LLAMA31),
  llamaH100('llama-3.1-405b', 2024, 405e9, 405e9, 15.6e12, 30.84e6, LLAMA31, { chips: 16_384 }),
  llamaH100('llama-3.2-1b', 2024, 1.24e9, 1.24e9, 9e12, 370e3, LLAMA32, { distilled: true }),
  llamaH100('llama-3.2-3b', 2024, 3.21e9, 3.21e9, 9e12, 460e3, LLAMA32, { distilled: true }),
  llamaH100('llama-4-scout', 2025, 109e9, 17e9, 40e12, 5.0e6, LLAMA4),
  llamaH100('llama-4-maverick', 2025, 400e9, 17e9, 22e12, 2.38e6, LLAMA4),
  {
    id: 'opt-175b',
    family: 'opt',
    year: 2022,
    paramsTotal: 175e9,
    paramsActive: 175e9,
    tokens: 180e9,
    hardwareId: a100,
    chips: 992,
    chipHours: 809_472,
    powerWPerChip: 400,
    pue: 1.1,
    source: OPT,
  },
  // BigScience, BigCode
  {
    id: 'bloom-176b',
    family: 'bloom',
    year: 2022,
    paramsTotal: 176.2e9,
    paramsActive: 176.2e9,
    tokens: 366e9,
    hardwareId: a100,
    chips: 384,
    chipHours: 1_082_990,
    powerWPerChip: 400,
    pue: 1,
    source: BLOOM,
  },
  {
    id: 'starcoderbase-15.5b',
    family: 'starcoder',
    year: 2023,
    paramsTotal: 15.5e9,
    paramsActive: 15.5e9,
    tokens: 1e12,
    hardwareId: a100,
    chips: 512,
    chipHours: 320_256,
    powerWPerChip: 280,
    pue: 1,
    source: STARCODER,
  },
  // OpenAI, DeepMind, Google
  {
    id: 'gpt-3-175b',
    family: 'gpt-3',
    year: 2020,
    paramsTotal: 175e9,
    paramsActive: 175e9,
    tokens: 300e9,
    hardwareId: 'nvidia-v100-sxm2',
    chips: 10_000,
    chipHours: 3_552_000,
    powerWPerChip: 330,
    pue: 1.1,
    source: PATTERSON,
  },
  {
    id: 'gopher-280b',
    family: 'gopher',
    year: 2021,
    paramsTotal: 280e9,
    paramsActive: 280e9,
    tokens: 300e9,
    hardwareId: 'google-tpu-v3',
    chips: 4096,
    chipHours: 3_768_320,
    source: GOPHER,
  },
  {
    id: 'palm-540b',
    family: 'palm',
    year: 2022,
    paramsTotal: 540e9,
    paramsActive: 540e9,
    tokens: 780e9,
    hardwareId: 'google-tpu-v4',
    chips: 6144,
    chipHours: 6144 * 1200 + 3072 * 336,
    source: PALM,
  },
  {
    id: 'mpt-7b',
    family: 'mpt',
    year: 2023,
    paramsTotal: 6.7e9,
    paramsActive: 6.7e9,
    tokens: 1e12,
    hardwareId: a10040,
    chips: 440,
    chipHours: days(440, 9.5),
    approximate: true,
    source: MPT,
  },
  // Microsoft Phi and GRIN (model cards: GPUs × training days)
  {
    id: 'phi-1',
    family: 'phi',
    year: 2023,
    paramsTotal: 1.3e9,
    paramsActive: 1.3e9,
    tokens: 54e9,
    hardwareId: a100,
    chips: 8,
    chipHours: days(8, 6),
    approximate: true,
    source: PHI1,
  },
  {
    id: 'phi-1.5',
    family: 'phi',
    year: 2023,
    paramsTotal: 1.3e9,
    paramsActive: 1.3e9,
    tokens: 150e9,
    hardwareId: a10040,
    chips: 32,
    chipHours: days(32, 8),
    approximate: true,
    source: PHI15,
  },
  {
    id: 'phi-2',
    family: 'phi',
    year: 2023,
    paramsTotal: 2.7e9,
    paramsActive: 2.7e9,
    tokens: 1.4e12,
    hardwareId: a100,
    chips: 96,
    chipHours: days(96, 14),
    approximate: true,
    source: PHI2,
  },
  {
    id: 'phi-3-mini',
    family: 'phi',
    year: 2024,
    paramsTotal: 3.8e9,
    paramsActive: 3.8e9,
    tokens: 3.3e12,
    hardwareId: h100,
    chips: 512,
    chipHours: days(512, 7),
    approximate: true,
    source: PHI3,
  },
  {
    id: 'phi-3-medium',
    family: 'phi',
    year: 2024,
    paramsTotal: 14e9,
    paramsActive: 14e9,
    tokens: 4.8e12,
    hardwareId: h100,
    chips: 512,
    chipHours: days(512, 42),
    approximate: true,
    source: PHI3M,
  },
  {
    id: 'phi-3.5-mini',
    family: 'phi',
    year: 2024,
    paramsTotal: 3.8e9,
    paramsActive: 3.8e9,
    tokens: 3.4e12,
    hardwareId: h100,
    chips: 512,
    chipHours: days(512, 10),
    approximate: true,
    source: PHI35,
  },
  {
    id: 'phi-3.5-moe',
    family: 'phi',
    year: 2024,
    paramsTotal: 41.9e9,
    paramsActive: 6.6e9,
    tokens: 4.9e12,
    hardwareId: h100,
    chips: 512,
    chipHours: days(512, 23),
    approximate: true,
    source: PHI35MOE,
  },
  {
    id: 'grin-moe',
    family: 'phi',
    year: 2024,
    paramsTotal: 41.9e9,
    paramsActive: 6.6e9,
    tokens: 4e12,
    hardwareId: h100,
    chips: 512,
    chipHours: days(512, 18),
    approximate: true,
    source: GRIN,
  },
  {
    id: 'phi-4',
    family: 'phi',
    year: 2024,
    paramsTotal: 14.7e9,
    paramsActive: 14.7e9,
    tokens: 9.8e12,
    hardwareId: h100,
    chips: 1920,
    chipHours: days(1920, 21),
    approximate: true,
    source: PHI4,
  },
  {
    id: 'phi-4-mini',
    family: 'phi',
    year: 2025,
    paramsTotal: 3.8e9,
    paramsActive: 3.8e9,
    tokens: 5e12,
    hardwareId: a100,
    chips: 512,
    chipHours: days(512, 21),
    approximate: true,
    source: PHI4MINI,
  },
  // TII Falcon
  {
    id: 'falcon-7b',
    family: 'falcon',
    year: 2023,
    paramsTotal: 7e9,
    paramsActive: 7e9,
    tokens: 1.5e12,
    hardwareId: a10040,
    chips: 384,
    chipHours: days(384, 14),
    approximate: true,
    source: FALCON7,
  },
  {
    id: 'falcon-40b',
    family: 'falcon',
    year: 2023,
    paramsTotal: 40e9,
    paramsActive: 40e9,
    tokens: 1e12,
    hardwareId: a10040,
    chips: 384,
    chipHours: days(384, 60),
    approximate: true,
    source: FALCON40,
  },
  {
    id: 'falcon-180b',
    family: 'falcon',
    year: 2023,
    paramsTotal: 180e9,
    paramsActive: 180e9,
    tokens: 3.5e12,
    hardwareId: a10040,
    chips: 4096,
    chipHours: 7.0e6,
    source: FALCON180,
  },
  {
    id: 'falcon2-11b',
    family: 'falcon',
    year: 2024,
    paramsTotal: 11.1e9,
    paramsActive: 11.1e9,
    tokens: 5.5e12,
    hardwareId: a10040,
    chips: 1024,
    chipHours: days(1024, 60),
    approximate: true,
    source: FALCON2,
  },
  {
    id: 'falcon-mamba-7b',
    family: 'falcon',
    year: 2024,
    paramsTotal: 7.27e9,
    paramsActive: 7.27e9,
    tokens: 5.5e12,
    hardwareId: h100,
    chips: 256,
    chipHours: days(256, 60),
    approximate: true,
    source: FALCONMAMBA,
  },
  {
    id: 'falcon-rw-1b',
    family: 'falcon',
    year: 2023,
    paramsTotal: 1.31e9,
    paramsActive: 1.31e9,
    tokens: 350e9,
    hardwareId: a10040,
    chips: 32,
    chipHours: days(32, 6),
    approximate: true,
    source: FALCONRW1B,
  },
  {
    id: 'santacoder-1.1b',
    family: 'santacoder',
    year: 2023,
    paramsTotal: 1.1e9,
    paramsActive: 1.1e9,
    tokens: 236e9,
    hardwareId: 'nvidia-v100-sxm2',
    chips: 96,
    chipHours: days(96, 6.2),
    approximate: true,
    source: SANTACODER,
  },
  {
    id: 'gpt-j-6b',
    family: 'gpt-j',
    year: 2021,
    paramsTotal: 6.05e9,
    paramsActive: 6.05e9,
    tokens: 402e9,
    hardwareId: 'google-tpu-v3',
    chips: 128,
    chipHours: days(128, 35),
    approximate: true,
    source: GPTJ,
  },
  // DeepSeek (H800)
  {
    id: 'deepseek-llm-67b',
    family: 'deepseek',
    year: 2024,
    paramsTotal: 67e9,
    paramsActive: 67e9,
    tokens: 2e12,
    hardwareId: h800,
    chipHours: 2 * 300.6e3,
    source: DSLLM,
  },
  {
    id: 'deepseek-v2',
    family: 'deepseek',
    year: 2024,
    paramsTotal: 236e9,
    paramsActive: 21e9,
    tokens: 8.1e12,
    hardwareId: h800,
    chipHours: 8.1 * 172.8e3,
    source: DSV2,
  },
  {
    id: 'deepseek-v3',
    family: 'deepseek',
    year: 2024,
    paramsTotal: 671e9,
    paramsActive: 37e9,
    tokens: 14.8e12,
    hardwareId: h800,
    chips: 2048,
    chipHours: 2_664e3,
    fp8: true,
    source: DSV3,
  },
  // Others
  {
    id: 'smollm3-3b',
    family: 'smollm',
    year: 2025,
    paramsTotal: 3.08e9,
    paramsActive: 3.08e9,
    tokens: 11.2e12,
    hardwareId: h100,
    chips: 384,
    chipHours: days(384, 24),
    approximate: true,
    source: SMOLLM3,
  },
  ...(
    [
      ['granite-3.0-8b', 8.1e9, 8.1e9, 12e12, 832_102],
      ['granite-3.0-2b', 2.5e9, 2.5e9, 12e12, 192_030],
      ['granite-3.0-1b-a400m', 1.3e9, 0.4e9, 10e12, 71_171],
      ['granite-3.0-3b-a800m', 3.3e9, 0.8e9, 10e12, 133_308],
    ] as const
  ).map(([id, paramsTotal, paramsActive, tokens, chipHours]) => ({
    ...GRANITE_RUN,
    id,
    paramsTotal,
    paramsActive,
    tokens,
    chipHours,
  })),
  {
    // The 280B-token run the paper measured (the 600B-token figure it also gives is scaled from it).
    id: 'glam-1.2t',
    family: 'glam',
    year: 2022,
    paramsTotal: 1.2e12,
    paramsActive: 96.6e9,
    tokens: 280e9,
    hardwareId: 'google-tpu-v4',
    chips: 1024,
    chipHours: 1024 * 574,
    powerWPerChip: 326,
    // 213 MWh over 1,024 × 574 h × 326 W: the PUE the published energy implies.
    pue: 1.11,
    source: GLAM,
  },
  {
    id: 'tinyllama-1.1b',
    family: 'tinyllama',
    year: 2024,
    paramsTotal: 1.1e9,
    paramsActive: 1.1e9,
    tokens: 3e12,
    hardwareId: a10040,
    chips: 16,
    chipHours: days(16, 90),
    approximate: true,
    source: TINYLLAMA,
  },
  {
    id: 'jetmoe-8b',
    family: 'jetmoe',
    year: 2024,
    paramsTotal: 8.5e9,
    paramsActive: 2.2e9,
    tokens: 1.25e12,
    hardwareId: h100,
    chips: 96,
    chipHours: 30_000,
    source: JETMOE,
  },
  {
    id: 'glm-130b',
    family: 'glm',
    year: 2022,
    paramsTotal: 130e9,
    paramsActive: 130e9,
    tokens: 400e9,
    hardwareId: a10040,
    chips: 768,
    chipHours: days(768, 58),
    approximate: true,
    source: GLM,
  },
  // Meta Chameleon: text and image tokens through one decoder (images as 1,024 tokens each), 6·N·D over all tokens
  {
    id: 'chameleon-7b',
    family: 'chameleon',
    year: 2024,
    paramsTotal: 7e9,
    paramsActive: 7e9,
    tokens: 9.2e12,
    hardwareId: a100,
    chips: 1024,
    chipHours: 856_481,
    source: CHAMELEON,
  },
  {
    id: 'chameleon-34b',
    family: 'chameleon',
    year: 2024,
    paramsTotal: 34e9,
    paramsActive: 34e9,
    tokens: 9.2e12,
    hardwareId: a100,
    chips: 3072,
    chipHours: 4_282_407,
    source: CHAMELEON,
  },
  {
    id: 'stablelm-3b-4e1t',
    family: 'stablelm',
    year: 2023,
    paramsTotal: 2.795e9,
    paramsActive: 2.795e9,
    tokens: 4e12,
    hardwareId: a10040,
    chips: 256,
    chipHours: days(256, 30),
    approximate: true,
    source: STABLELM3B,
  },
  {
    id: 'bloomberggpt-50b',
    family: 'bloomberggpt',
    year: 2023,
    paramsTotal: 50.6e9,
    paramsActive: 50.6e9,
    tokens: 569e9,
    hardwareId: a10040,
    chips: 512,
    chipHours: days(512, 53),
    approximate: true,
    source: BLOOMBERGGPT,
  },
  // EleutherAI Pythia: parameters are the total (non-embedding + embedding + unembedding, 50,304 × d_model each);
  // GPU-hours as the paper computed them from iteration time, so restarts and evaluation are not in them.
  ...(
    [
      ['pythia-70m', 18_915_328, 512, 32, 510],
      ['pythia-160m', 85_056_000, 768, 32, 1_030],
      ['pythia-410m', 302_311_424, 1024, 32, 2_540],
      ['pythia-1b', 805_736_448, 2048, 64, 4_830],
      ['pythia-1.4b', 1_208_602_624, 2048, 64, 7_120],
      ['pythia-2.8b', 2_517_652_480, 2560, 64, 14_240],
      ['pythia-6.9b', 6_444_163_072, 4096, 128, 33_500],
      ['pythia-12b', 11_327_027_200, 5120, 256, 72_300],
    ] as const
  ).map(([id, nonEmbedding, dModel, chips, chipHours]): TrainingRun => {
    const params = nonEmbedding + 2 * 50_304 * dModel;
    return {
      id,
      family: 'pythia',
      year: 2023,
      paramsTotal: params,
      paramsActive: params,
      tokens: 299_892_736_000,
      hardwareId: a10040,
      chips,
      chipHours,
      source: PYTHIA,
    };
  }),
  // Meta MobileLLM: 32 A100 80G for the stated number of days, 1T tokens each
  ...(
    [
      ['mobilellm-125m', 124.6e6, 3],
      ['mobilellm-350m', 345.3e6, 6],
      ['mobilellm-600m', 603.1e6, 8],
      ['mobilellm-1b', 1.01e9, 12],
      ['mobilellm-1.5b', 1.51e9, 18],
    ] as const
  ).map(
    ([id, params, d]): TrainingRun => ({
      id,
      family: 'mobilellm',
      year: 2024,
      paramsTotal: params,
      paramsActive: params,
      tokens: 1e12,
      hardwareId: a100,
      chips: 32,
      chipHours: days(32, d),
      approximate: true,
      source: MOBILELLM,
    }),
  ),
  {
    // The 150B-token checkpoint the paper times (the run went on to 300B tokens).
    id: 'hyperclova-82b',
    family: 'hyperclova',
    year: 2021,
    paramsTotal: 82e9,
    paramsActive: 82e9,
    tokens: 150e9,
    hardwareId: a10040,
    chips: 1024,
    chipHours: days(1024, 13.4),
    source: HYPERCLOVA,
  },
  {
    id: 'pleias-3b-preview',
    family: 'pleias',
    year: 2024,
    paramsTotal: 3e9,
    paramsActive: 3e9,
    tokens: 1.086324736e12,
    hardwareId: h100,
    chips: 192,
    chipHours: days(192, 20),
    approximate: true,
    source: PLEIAS,
  },
  {
    // "Around three months" taken as 90 days of the 96 GPUs: calendar time, so restarts are in it.
    id: 'gpt-neox-20b',
    family: 'gpt-neox',
    year: 2022,
    paramsTotal: 20_556_201_984,
    paramsActive: 20_556_201_984,
    tokens: 470e9,
    hardwareId: a10040,
    chips: 96,
    chipHours: days(96, 90),
    approximate: true,
    source: GPTNEOX,
  },
  {
    // The 100K-step run the paper times (the released model went on to 500K steps, untimed).
    // 100K × 8,192 sequences × 512 tokens: full-length inputs, an upper bound on the tokens.
    // Masked-LM: every position goes through the encoder (6·N·D), the output layer only for
    // the 15% masked, so 6·N·D overstates the compute by about a tenth. DGX-1: V100 SXM2.
    id: 'roberta-large',
    family: 'roberta',
    year: 2019,
    paramsTotal: 355e6,
    paramsActive: 355e6,
    tokens: 100_000 * 8192 * 512,
    hardwareId: 'nvidia-v100-sxm2',
    chips: 1024,
    chipHours: days(1024, 1),
    approximate: true,
    source: ROBERTA,
  },
  // Hugging Face SmolLM2: the authors' approximate GPU-hours per size (chip counts changed between card revisions)
  ...denseH100Sizes('smollm', 2024, SMOLLM2, true, [
    ['smollm2-1.7b', 1.7e9, 11e12, 140_000],
    ['smollm2-360m', 360e6, 4e12, 20_000],
    ['smollm2-135m', 135e6, 2e12, 5_000],
  ]),
  {
    // The weakest kind of source in the catalog, like SmolLM2's: a forum answer, rounded to a day.
    id: 'smollm-135m',
    family: 'smollm',
    year: 2024,
    paramsTotal: 135e6,
    paramsActive: 135e6,
    tokens: 600e9,
    hardwareId: h100,
    chips: 64,
    chipHours: days(64, 1),
    approximate: true,
    source: SMOLLM1,
  },
  // DataComp-LM's competition scales: the H100-hours its authors give for each fixed recipe (what a
  // participant can expect to spend), so close to throughput, without a long run's restarts.
  ...denseH100Sizes('dclm', 2024, DCLM, false, [
    ['dclm-400m-1x', 412e6, 8.2e9, 26],
    ['dclm-1b-1x', 1.4e9, 28e9, 240],
    ['dclm-3b-1x', 2.8e9, 55.9e9, 740],
    ['dclm-7b-1x', 6.9e9, 138e9, 3_700],
    ['dclm-7b-2x', 6.9e9, 276e9, 7_300],
  ]),
  {
    // GPU-hours as the report states them for the full training (post-training included, small
    // beside 2T tokens of pretraining); chip count not published.
    id: 'trillion-7b',
    family: 'trillion',
    year: 2025,
    paramsTotal: 7.76e9,
    paramsActive: 7.76e9,
    tokens: 2e12,
    hardwareId: h100,
    chipHours: 59_400,
    source: TRILLION,
  },
  {
    // Parameters from Table 3: 52 × (4 · 4,608² + 3 · 4,608 · 12,288) + 2 · 65,536 · 4,608 (untied).
    // 39 days also matches the 1,873 tokens per GPU-second of section 3.5 (3.2T tokens in 38.6 days).
    id: 'skywork-13b',
    family: 'skywork',
    year: 2023,
    paramsTotal: 13.85e9,
    paramsActive: 13.85e9,
    tokens: 3.2e12,
    hardwareId: 'nvidia-a800-sxm4-80gb',
    chips: 512,
    chipHours: days(512, 39),
    approximate: true,
    source: SKYWORK,
  },
  {
    // Which A100 the README does not say; the two have the same peak.
    id: 'yalm-100b',
    family: 'yalm',
    year: 2022,
    paramsTotal: 100e9,
    paramsActive: 100e9,
    tokens: 300e9,
    hardwareId: a100,
    chips: 800,
    chipHours: days(800, 65),
    approximate: true,
    source: YALM,
  },
  {
    // GPUs × days of each stage of Table 2 (13.1 days in all, the "13 calendar days"); the largest stage's GPUs.
    id: 'nemotron-4-15b',
    family: 'nemotron',
    year: 2024,
    paramsTotal: 15.7e9,
    paramsActive: 15.7e9,
    tokens: 8e12,
    hardwareId: h100,
    chips: 2_304,
    chipHours: days(768, 0.8) + days(1_536, 0.4) + days(2_304, 11.9),
    source: NEMOTRON4,
  },
  {
    id: 'stablelm-2-1.6b',
    family: 'stablelm',
    year: 2024,
    paramsTotal: 1_644_417_024,
    paramsActive: 1_644_417_024,
    tokens: 2e12,
    hardwareId: a10040,
    chips: 512,
    chipHours: 92_000,
    source: STABLELM2,
  },
  // One author's single-node GPT reproductions (llm.c, nanochat), one series: throughput time of
  // tuned kernels on one 8-GPU node (steps × the time per step the script states, or the timed
  // training iterations alone), so close to peak throughput, without a long run's restarts or evaluation.
  // llm.c: total parameters, tied embeddings counted once; "350M" is the recipe's name for GPT-2
  // medium, whose 24 layers of width 1,024 and 50,257-token vocabulary hold 354.8M.
  ...(
    [
      ['llmc-gpt2-124m', 124e6, 18_865, 524_288, 0.3, a100],
      ['llmc-gpt2-350m', 355e6, 60_000, 524_288, 0.82, a100],
      ['llmc-gpt2-774m', 774e6, 286_102, 524_288, 1.7, a100],
      ['llmc-gpt2-1558m', 1558e6, 32_000, 1_048_576, 2.8, h100],
    ] as const
  ).map(
    ([id, params, steps, tokensPerStep, secondsPerStep, hardwareId]): TrainingRun => ({
      id,
      family: 'nanogpt',
      year: 2024,
      paramsTotal: params,
      paramsActive: params,
      tokens: steps * tokensPerStep,
      hardwareId,
      chips: 8,
      chipHours: (8 * steps * secondsPerStep) / 3600,
      source: LLMC,
    }),
  ),
  // nanochat: parameters are the model's total, on the same basis as every other row (embeddings
  // included), not the "scaling parameters" its step count is set from (steps = ratio × scaling
  // parameters / batch, the transformer matrices and output layer: 729.8M for d24, 918.4M for d26,
  // which reproduces the three step counts). The total adds the input embedding and the value
  // embeddings of every other layer (32,768 × width each): lookups that cost no FLOPs, so 6·N·D
  // overstates these runs' compute about 1.85-fold. Counted from nanochat/gpt.py at each record's
  // commit (depth × 64 wide, 128-wide heads, vocabulary 32,768).
  ...(
    [
      ['nanochat-d24', 1_384_124_976, 16_704, 524_288, 10_949.47, false],
      ['nanochat-d26-fp8', 1_681_790_292, 14_889, 524_288, 10_493, true],
      ['nanochat-d26-fp8-1m', 1_681_790_292, 7_226, 1_048_576, 9_922, true],
    ] as const
  ).map(([id, params, steps, batch, seconds, fp8]): TrainingRun => {
    const tokens = steps * batch;
    return {
      id,
      family: 'nanogpt',
      year: 2026,
      paramsTotal: params,
      paramsActive: params,
      tokens,
      hardwareId: h100,
      chips: 8,
      chipHours: (8 * seconds) / 3600,
      ...(fp8 ? { fp8 } : {}),
      embeddingHeavy: true,
      source: NANOCHAT,
    };
  }),
];

/*
 * Looked at and not in the catalog (why):
 * - T5, Meena, GShard, Switch Transformer (Patterson et al. 2021, Table 4): encoder-decoder, so the
 *   compute is not 6·N·D over the tokens.
 * - Code Llama, Llama 3.2 vision and other runs started from trained weights: continued pretraining.
 * - BERT (Devlin et al. 2019): "16 Cloud TPUs (64 TPU chips)", the TPU generation not stated.
 * - Apertus 8B and 70B (GH200): the model card and the EU transparency documents give 4,096 GH200
 *   and 15T tokens but no GPU-hours or duration per model; a "10M+ GPU hours" seen on a third-party
 *   page is neither the authors' nor per model.
 * - YaLM 100B (yandex/YaLM-100B README: 800 A100 for 65 days): trained tokens not stated there.
 * - StarCoder2 15B (1,024 H100), CodeParrot (16 A100 40GB), XGLM, Facebook's MoE LMs: no duration
 *   or GPU-hours in the model cards read. nanoGPT's GPT-2 124M: "about 4 days" in its README,
 *   "~5 days" in its config, a tutorial figure rather than a reported run.
 * - OLMo 2 1B (128 H100 for 8 days 17 hours, a maintainer's answer in the allenai/OLMo tracker): the
 *   OLMo family is the benchmark's outside check on measured energy, so it stays out of the fit.
 * - OpenLLaMA (TPU v4, "over 2200 tokens/second/TPU-v4 chip"): a throughput, not a duration.
 * - LaMDA (1,024 TPU v3 for 57.7 days): its FLOP figure is computed from an assumed utilisation and
 *   the tokens trained are not stated.
 * - Zamba 7B (Zyphra: 128 H100 for 30 days, 1T tokens): one attention block with shared weights runs
 *   after every sixth Mamba block, so the compute per token is well above 6·N·D (as for encoder-decoders).
 * - Granite Code 3B-34B (ibm-granite/granite-code-models paper, section 4.4): one emissions figure for
 *   all sizes together, trained on both A100 (Vela) and H100 (Blue Vela), no GPU-hours per model; 34B is
 *   depth-upscaled from the 20B. Granite 3.1 and 3.3: continued from Granite 3.0 (context extension).
 *   Granite 4.0: no GPU-hours in the repository's README or the model cards read.
 * - Nemotron-4 340B (6,144 H100): per-stage iteration times and utilisation, no duration or GPU-hours
 *   (Nemotron-4 15B's Table 2 gives each stage's days, so it is in). CroissantLLM, Salamandra, LLM360
 *   Amber and K2: their reports could not be read here and the model cards and training repositories
 *   read give no GPU-hours or duration.
 * - FLM-101B (192 A800): grown from 16B to 51B to 101B during training, so no one N describes its compute.
 * - EuroLLM-9B (400 H100 on MareNostrum 5, 4T tokens), Teuken-7B (JUWELS Booster, A100 40GB), Poro
 *   34B (512 MI250X on LUMI, 1T tokens): the model cards give the machine but no duration or GPU-hours.
 * - MPT-30B: trained in stages on A100-40GB and then H100 (MosaicML blog); one chip per row cannot
 *   describe it. DBRX ("three months" on 3,072 H100) and Snowflake Arctic ("less than 3K GPU weeks"):
 *   a project span and a bound, not a run's duration.
 * - llm.c's GPT-3 125M recipe (scripts/run_gpt3_125M.sh: 572,204 steps "in ~150ms/iter" on 8 A100):
 *   half the 124M recipe's time for the same 524,288 tokens a step at twice the context, an implied
 *   utilisation above 1, so not a measured time.
 * - BLOOM 560M to 7B1 (bigscience model cards): the training dates and throughput copied from the 176B
 *   run, not the smaller runs' own. H2O-Danube 1.8B (one 8×H100 node): a throughput, no duration.
 * - Orion-14B (its report, section 3.3: 88 H800, 4,000-5,000 tokens per GPU-second) and InternLM 104B
 *   (InternLM-techreport: 203.6 tokens per GPU-second on 1,024 GPUs): throughputs, no duration.
 * - OpenELM 270M-3B (apple/corenet pretraining configs: 128 A100 or H100, 350K steps of about 4M
 *   tokens): no duration in the repository; its training logs are hosted elsewhere.
 * - DataDecide (about 820K H100 GPU-hours): the total over a suite of OLMo-recipe models, not per run.
 * - Apertus: the project's site gives "over 10 million GPU hours" granted for all its work, not per model.
 * - modded-nanogpt speedrun records (8×H100, minutes): token counts per record not tabulated. nanochat's
 *   leaderboard Runs 4 to 6: the step counts are not given.
 */

/** Whether 6·N·D over the run's parameters and tokens is its compute (not distilled, not mostly lookups). */
export const computeIsSixND = (r: TrainingRun): boolean => !r.distilled && !r.embeddingHeavy;

/** The runs the utilisation model is fitted and its ranges calibrated on: every run whose compute is 6·N·D. */
export const FIT_EVIDENCE: readonly TrainingRun[] = TRAINING_EVIDENCE.filter(computeIsSixND);
